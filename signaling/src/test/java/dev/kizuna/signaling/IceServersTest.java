package dev.kizuna.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ICE servers for {@code welcome}: STUN as configured, TURN with TURN REST credentials. */
class IceServersTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final List<String> STUN = List.of("stun:stun.kizuna.test:3478", "stun:stun2.kizuna.test:19302");
  private static final List<String> TURN = List.of("turn:turn.kizuna.test:3478?transport=udp", "turns:turn.kizuna.test:5349");

  @Test
  void noServersGiveAnEmptyArray() {
    assertThat(IceServers.none().forUser("u-42", NOW)).isEmpty();
    assertThat(new IceServers(List.of(), List.of(), null, Duration.ofHours(1)).forUser("u-42", NOW)).isEmpty();
  }

  @Test
  void stunOnlyGivesOneEntryWithAllUrlsAndNoCredentials() {
    JsonArray servers = new IceServers(STUN, List.of(), null, Duration.ofHours(1)).forUser("u-42", NOW);

    assertThat(servers).containsExactly(new JsonObject().put("urls", new JsonArray(STUN)));
  }

  @Test
  void turnWithASecretGetsTimeLimitedRestCredentialsAfterStun() throws Exception {
    Duration ttl = Duration.ofHours(12);
    JsonArray servers = new IceServers(STUN, TURN, "s3cret", ttl).forUser("u-42", NOW);

    assertThat(servers).hasSize(2);
    assertThat(servers.getJsonObject(0)).isEqualTo(new JsonObject().put("urls", new JsonArray(STUN)));
    JsonObject turn = servers.getJsonObject(1);
    assertThat(turn.getJsonArray("urls")).isEqualTo(new JsonArray(TURN));
    String expectedUsername = (NOW.getEpochSecond() + ttl.toSeconds()) + ":u-42";
    assertThat(turn.getString("username")).isEqualTo(expectedUsername).isEqualTo("1700043200:u-42");
    assertThat(turn.getString("credential")).isEqualTo(independentHmacSha1Base64("s3cret", expectedUsername));
    assertThat(turn.fieldNames()).containsExactlyInAnyOrder("urls", "username", "credential");
  }

  @Test
  void turnCredentialMatchesAVectorComputedWithOpenssl() {
    JsonArray servers = new IceServers(List.of(), TURN, "kizuna-test-secret", Duration.ofHours(1)).forUser("u-42", NOW);

    JsonObject turn = servers.getJsonObject(0);
    assertThat(servers).hasSize(1);
    assertThat(turn.getString("username")).isEqualTo("1700003600:u-42");
    // Produced once in a shell, independently of Java:
    //   printf '%s' '1700003600:u-42' | openssl dgst -sha1 -hmac 'kizuna-test-secret' -binary | base64
    assertThat(turn.getString("credential")).isEqualTo("9rvDERlbpt5atfypXcVVIIhJwUY=");
  }

  @Test
  void credentialsExpireTtlAfterTheMomentTheyAreIssued() {
    IceServers ice = new IceServers(List.of(), TURN, "s3cret", Duration.ofMinutes(30));

    String early = ice.forUser("u-1", NOW).getJsonObject(0).getString("username");
    String later = ice.forUser("u-1", NOW.plusSeconds(60)).getJsonObject(0).getString("username");

    assertThat(early).isEqualTo((NOW.getEpochSecond() + 1800) + ":u-1");
    assertThat(later).isEqualTo((NOW.getEpochSecond() + 1860) + ":u-1");
  }

  @ParameterizedTest(name = "secret [{0}]")
  @ValueSource(strings = {""})
  void turnUrlsWithoutASecretGiveNoTurnEntry(String emptySecret) {
    assertThat(new IceServers(STUN, TURN, emptySecret, Duration.ofHours(1)).forUser("u-42", NOW))
        .containsExactly(new JsonObject().put("urls", new JsonArray(STUN)));
    assertThat(new IceServers(STUN, TURN, null, Duration.ofHours(1)).forUser("u-42", NOW))
        .containsExactly(new JsonObject().put("urls", new JsonArray(STUN)));
    assertThat(new IceServers(List.of(), TURN, null, Duration.ofHours(1)).forUser("u-42", NOW)).isEmpty();
  }

  @Test
  void aSecretWithoutTurnUrlsGivesNoTurnEntry() {
    assertThat(new IceServers(List.of(), List.of(), "s3cret", Duration.ofHours(1)).forUser("u-42", NOW)).isEmpty();
  }

  @ParameterizedTest(name = "ttl {0}s")
  @ValueSource(longs = {0, -1, -3600})
  void nonPositiveTtlIsRejected(long seconds) {
    assertThatThrownBy(() -> new IceServers(STUN, TURN, "s3cret", Duration.ofSeconds(seconds)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void laterChangesToTheGivenListsDoNotLeakIn() {
    List<String> stun = new ArrayList<>(STUN);
    IceServers ice = new IceServers(stun, List.of(), null, Duration.ofHours(1));

    stun.add("stun:evil.example:3478");

    assertThat(ice.forUser("u-42", NOW).getJsonObject(0).getJsonArray("urls")).isEqualTo(new JsonArray(STUN));
  }

  /** HMAC-SHA1 then Base64, written here without going through {@link IceServers}. */
  private static String independentHmacSha1Base64(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
