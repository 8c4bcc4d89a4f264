package dev.kizuna.server.auth;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived bearer tokens for the sockets of non-browser clients ({@code POST /api/tokens}).
 * A token is 256 random bits; only its SHA-256 is stored (collection {@code access_tokens},
 * TTL index on {@code expiresAt}), so a database dump holds no usable token. Stored in
 * MongoDB, tokens work on every node.
 */
public final class AccessTokens {

  /** How long a token is valid. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final String COLLECTION = "access_tokens";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token as handed to its owner. */
  public record Issued(String token, Instant expiresAt) {
    public JsonObject toJson() {
      return new JsonObject().put("token", token).put("expiresAt", expiresAt.toString());
    }
  }

  private final MongoStore store;
  private final MongoClient mongo;

  public AccessTokens(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("expiresAt", 1),
        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  /** Issues a token for {@code userId}, valid for {@link #LIFETIME}. */
  public Future<Issued> issue(String userId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = MongoDates.storable(Instant.now().plus(LIFETIME));
    JsonObject doc = new JsonObject()
        .put("_id", digest(token))
        .put("userId", userId)
        .put("expiresAt", MongoDates.toMongo(expiresAt));
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable()).map(new Issued(token, expiresAt));
  }

  /** The user a valid, unexpired token belongs to; empty for unknown or expired tokens. */
  public Future<Optional<String>> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", digest(token)), null).map(doc -> Optional.ofNullable(doc)
        .filter(d -> MongoDates.fromMongo(d.getValue("expiresAt")).isAfter(Instant.now()))
        .map(d -> d.getString("userId")));
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
