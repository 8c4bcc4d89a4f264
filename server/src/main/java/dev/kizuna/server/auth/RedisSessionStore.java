package dev.kizuna.server.auth;

import dev.kizuna.signaling.redis.LettuceClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A vertx-web {@link SessionStore} in Redis, so that a login on one node is valid on every node.
 * Each session is one key {@code <keyPrefix>:session:<id>} holding the session in vertx-web's own
 * serial form ({@link SharedDataSessionImpl}, as its clustered store writes it) and expiring with
 * the session's timeout, renewed on every write. Writes check the version as vertx-web's local
 * store does ("Session version mismatch" for a stale copy).
 *
 * <p>Why not {@code vertx-web-sstore-redis}: its parent POM ({@code vertx-web-session-stores}
 * 5.0.10) does not resolve from the Maven Central mirror here, and Kizuna already speaks Redis
 * through Lettuce (the room hub, the memo fan-out), so one client library serves all of it.
 */
public final class RedisSessionStore implements SessionStore {

  /** Deletes every session key; for {@link #clear()} only (never on a request path). */
  private static final String CLEAR = """
      local keys = redis.call('KEYS', ARGV[1])
      for _, k in ipairs(keys) do redis.call('DEL', k) end
      return #keys
      """;

  private static final String COUNT = "return #redis.call('KEYS', ARGV[1])";

  private final VertxContextPRNG random;
  private final RedisClient client;
  private final String prefix;
  private final CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection;
  private final Vertx vertx;

  /**
   * Connects without blocking.
   *
   * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
   * @param keyPrefix shared by every node of the deployment
   */
  public RedisSessionStore(Vertx vertx, String redisUrl, String keyPrefix) {
    this.vertx = vertx;
    this.random = VertxContextPRNG.current(vertx);
    this.prefix = keyPrefix + ":session:";
    this.client = LettuceClients.create();
    this.connection = client.connectAsync(ByteArrayCodec.INSTANCE, RedisURI.create(redisUrl)).toCompletableFuture();
  }

  /** Already configured by the constructor; {@code options} are ignored. */
  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    return this;
  }

  /** No retry: a session missing from Redis does not exist. */
  @Override
  public long retryTimeout() {
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new SharedDataSessionImpl(random, timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    return call(c -> c.get(key(id)).thenApply(this::decode));
  }

  @Override
  public Future<Void> delete(String id) {
    return call(c -> c.del(key(id)).thenApply(n -> null));
  }

  @Override
  public Future<Void> put(Session session) {
    SharedDataSessionImpl updated = (SharedDataSessionImpl) session;
    return call(c -> c.get(key(session.id())).thenCompose(raw -> {
      SharedDataSessionImpl old = decode(raw);
      if (old != null && old.version() != updated.version()) {
        return CompletableFuture.failedFuture(new IllegalStateException("Session version mismatch"));
      }
      updated.incrementVersion();
      Buffer buffer = Buffer.buffer();
      updated.writeToBuffer(buffer);
      return c.psetex(key(session.id()), Math.max(1, updated.timeout()), buffer.getBytes()).thenApply(ok -> null);
    }));
  }

  @Override
  public Future<Void> clear() {
    return call(c -> c.<Long>eval(CLEAR, ScriptOutputType.INTEGER, new byte[0][], pattern()).thenApply(n -> null));
  }

  @Override
  public Future<Integer> size() {
    return call(c -> c.<Long>eval(COUNT, ScriptOutputType.INTEGER, new byte[0][], pattern()).thenApply(Long::intValue));
  }

  @Override
  public void close() {
    client.shutdownAsync(0, 2, TimeUnit.SECONDS);
  }

  private SharedDataSessionImpl decode(byte[] raw) {
    if (raw == null) {
      return null;
    }
    SharedDataSessionImpl session = new SharedDataSessionImpl(random);
    session.readFromBuffer(0, Buffer.buffer(raw));
    return session;
  }

  private <T> Future<T> call(Function<RedisAsyncCommands<byte[], byte[]>, CompletionStage<T>> command) {
    return Future.fromCompletionStage(connection.thenCompose(c -> command.apply(c.async())), vertx.getOrCreateContext());
  }

  private byte[] key(String id) {
    return (prefix + id).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] pattern() {
    return (prefix + "*").getBytes(StandardCharsets.UTF_8);
  }
}
