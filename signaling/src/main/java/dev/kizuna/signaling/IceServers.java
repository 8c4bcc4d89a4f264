package dev.kizuna.signaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ICE servers handed to browsers in {@code welcome}: a STUN list and, when a shared secret is
 * set, TURN with time-limited credentials by the TURN REST scheme that coturn implements as
 * {@code use-auth-secret} (draft-uberti-behave-turn-rest-00): {@code username =
 * "<unix expiry seconds>:<userId>"}, {@code credential = base64(HMAC-SHA1(secret, username))}.
 *
 * @param stunUrls {@code stun:} URLs, possibly empty
 * @param turnUrls {@code turn:}/{@code turns:} URLs, ignored without a secret
 * @param turnSecret coturn's {@code static-auth-secret}, or {@code null}
 * @param credentialTtl how long a TURN credential stays valid
 */
public record IceServers(List<String> stunUrls, List<String> turnUrls, String turnSecret, Duration credentialTtl) {

  public IceServers {
    stunUrls = List.copyOf(stunUrls);
    turnUrls = List.copyOf(turnUrls);
    if (credentialTtl.isNegative() || credentialTtl.isZero()) {
      throw new IllegalArgumentException("credentialTtl must be positive");
    }
  }

  /** No ICE servers: host candidates only (loopback and LAN). */
  public static IceServers none() {
    return new IceServers(List.of(), List.of(), null, Duration.ofHours(12));
  }

  /**
   * The {@code RTCIceServer} list for one user, as JSON.
   *
   * @param userId goes into the TURN username so the TURN server's logs name the user
   * @param now the moment the credentials are issued; they expire {@code credentialTtl} later
   */
  public JsonArray forUser(String userId, Instant now) {
    List<JsonObject> servers = new ArrayList<>();
    if (!stunUrls.isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(stunUrls)));
    }
    if (!turnUrls.isEmpty() && turnSecret != null && !turnSecret.isEmpty()) {
      String username = now.plus(credentialTtl).getEpochSecond() + ":" + userId;
      servers.add(new JsonObject()
          .put("urls", new JsonArray(turnUrls))
          .put("username", username)
          .put("credential", hmacSha1Base64(turnSecret, username)));
    }
    return new JsonArray(new ArrayList<>(servers));
  }

  private static String hmacSha1Base64(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
    }
  }
}
