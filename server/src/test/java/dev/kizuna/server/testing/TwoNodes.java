package dev.kizuna.server.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.transcription.SpeechClips;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two Kizuna nodes of one deployment: node A in this JVM ({@link KizunaNode}), node B in a child
 * JVM ({@link ChildNode}, so that a test can kill it with SIGKILL), sharing one Redis and one
 * database. The database is a mongo-java-server in this JVM (a node killed never takes it along),
 * reached by both nodes through {@code MONGO_URL} and the official driver; every key and channel
 * lives under a fresh prefix, so tests share the Redis on 127.0.0.1:6379 without meeting.
 */
public final class TwoNodes implements AutoCloseable {

  /** The Redis tests use: {@code REDIS_URL}, else the one on 127.0.0.1:6379. */
  public static final String DEFAULT_REDIS = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");

  private final MongoServer mongo;
  private final Map<String, String> settings;
  private final Path dataB;
  private final String redisUrl;
  private final String prefix = "kizuna-test:" + UUID.randomUUID();
  private final KizunaNode a;
  private ChildNode b;

  private TwoNodes(String redisUrl) throws IOException {
    this.redisUrl = redisUrl;
    mongo = new MongoServer(new MemoryBackend());
    mongo.bind("127.0.0.1", 0);
    InetSocketAddress address = mongo.getLocalAddress();
    settings = Map.of(
        "REDIS_URL", redisUrl,
        "KIZUNA_REDIS_KEY_PREFIX", prefix,
        "MONGO_URL", "mongodb://127.0.0.1:" + address.getPort(),
        "KIZUNA_VOSK_MODEL_EN", SpeechClips.englishModel().toString());
    KizunaNode node = new KizunaNode();
    settings.forEach(node::with);
    a = node.start();
    dataB = Files.createTempDirectory("kizuna-node-b-");
    b = ChildNode.start(dataB, 0, settings);
  }

  /** Deletes every Redis key of this pair of nodes (sessions would otherwise linger until they expire). */
  private void deleteKeys() {
    RedisClient client = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } catch (RuntimeException e) {
      // the test's own Redis may be gone already: nothing left to delete
    } finally {
      client.shutdown();
    }
  }

  /** Starts both nodes against {@code redisUrl}. */
  public static TwoNodes start(String redisUrl) {
    try {
      return new TwoNodes(redisUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Node A, in this JVM: it creates users and pairs and gives the clients. */
  public KizunaNode a() {
    return a;
  }

  /** Node B's HTTP port. */
  public int portB() {
    return b.port;
  }

  /** Opens a room socket to {@code meetingId} on the node listening on {@code port}, sending {@code cookie}. */
  public RoomClient room(int port, String meetingId, String cookie) {
    return a.socketOn(port, "/ws/rooms/" + meetingId, Map.of("Cookie", cookie));
  }

  /** The memo socket URL of the node on {@code port}, with a fresh access token of {@code api}'s user. */
  public static String memoUrl(int port, Api api) {
    String token = api.post("/api/tokens", null).bodyAsJsonObject().getString("token");
    return "ws://127.0.0.1:" + port + "/ws/memo?access_token=" + token;
  }

  /** A new meeting of {@code duo}'s pair and its shared memo's document id (created on first read). */
  public static Meeting meeting(Duo duo) {
    String meetingId = KizunaNode.createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    DocumentId memo = DocumentId.fromUrl(duo.memberApi().get("/api/meetings/" + meetingId).bodyAsJsonObject()
        .getJsonObject("memo").getString("documentUrl")).orElseThrow();
    return new Meeting(meetingId, memo);
  }

  /** A meeting's id and its shared memo. */
  public record Meeting(String id, DocumentId memo) {}

  /** Kills node B with SIGKILL. */
  public void killB() throws InterruptedException {
    b.kill();
  }

  @Override
  public void close() {
    try {
      if (b != null) {
        b.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      a.close();
      mongo.shutdownNow();
      KizunaNode.deleteRecursively(dataB);
      deleteKeys();
    }
  }
}
