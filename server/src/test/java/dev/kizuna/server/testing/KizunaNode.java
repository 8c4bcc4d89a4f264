package dev.kizuna.server.testing;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.Kizuna;
import dev.kizuna.server.config.ConfigLoader;
import dev.kizuna.server.config.KizunaConfig;
import dev.kizuna.server.db.MongoStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One whole Kizuna node in this JVM: its own Vert.x with Prometheus metrics, the real
 * configuration loader, the embedded MongoDB-wire server (reached through the official driver)
 * under a temporary data folder, and HTTP on a free loopback port. Register it as a static
 * {@code @RegisterExtension} field to get one node per test class, or start and stop it by hand.
 *
 * <p>Tests talk to it only as clients do: {@link Api} over HTTP and {@link RoomClient} over
 * WebSocket. The helpers create fresh, uniquely named users for each test, so tests of a class
 * share the node without depending on each other (nor on the per-e-mail login throttle).
 */
public final class KizunaNode implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  public static final String ADMIN_EMAIL = "admin@kizuna.test";
  public static final String ADMIN_PASSWORD = "admin-secret-1";
  /** Password of the users the helpers create. */
  public static final String PASSWORD = "correct horse battery";
  /**
   * PBKDF2 iterations for the test nodes: a login costs about 0.25 s at the production default,
   * which would dominate the suite; the code path is the same at any count.
   */
  public static final String TEST_ITERATIONS = "1000";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Map<String, String> overrides = new LinkedHashMap<>();
  private Path dataDir;
  private boolean ownsDataDir;
  private Vertx vertx;
  private PrometheusMeterRegistry registry;
  private Kizuna kizuna;
  private WebClient web;
  private WebSocketClient sockets;
  private Api admin;

  public KizunaNode() {
    overrides.put("KIZUNA_HTTP_PORT", "0");
    overrides.put("KIZUNA_HTTP_HOST", "127.0.0.1");
    overrides.put("KIZUNA_ADMIN_EMAIL", ADMIN_EMAIL);
    overrides.put("KIZUNA_ADMIN_PASSWORD", ADMIN_PASSWORD);
    overrides.put("KIZUNA_PASSWORD_ITERATIONS", TEST_ITERATIONS);
    // Whatever the environment says: the embedded database, one node, no TURN, the jar's browser app.
    overrides.put("MONGO_URL", "");
    overrides.put("REDIS_URL", "");
    overrides.put("KIZUNA_STUN_URLS", "");
    overrides.put("KIZUNA_TURN_URLS", "");
    overrides.put("KIZUNA_TURN_SECRET", "");
    overrides.put("KIZUNA_WEBROOT_DIR", "");
    overrides.put("KIZUNA_SECURE_COOKIES", "false");
  }

  /** Sets one configuration value (an environment variable name of reference.yaml). */
  public KizunaNode with(String key, String value) {
    overrides.put(key, value);
    return this;
  }

  /** A TCP port that was free a moment ago, for a node that needs a fixed port. */
  public static String freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return Integer.toString(socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uses {@code dir} as KIZUNA_DATA_DIR (kept after the node stops) instead of a fresh temporary one. */
  public KizunaNode dataDir(Path dir) {
    this.dataDir = dir;
    this.ownsDataDir = false;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the node and waits until it listens. */
  public KizunaNode start() {
    if (dataDir == null) {
      try {
        dataDir = Files.createTempDirectory("kizuna-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ownsDataDir = true;
    }
    overrides.put("KIZUNA_DATA_DIR", dataDir.toString());
    registry = Kizuna.newRegistry();
    vertx = Kizuna.newVertx(registry);
    KizunaConfig config = await(ConfigLoader.load(vertx, overrides));
    kizuna = await(Kizuna.start(vertx, registry, config, Optional.empty()));
    web = WebClient.create(vertx);
    sockets = vertx.createWebSocketClient();
    admin = null;
    return this;
  }

  /** Stops the node (committing the database) and closes its Vert.x; keeps the data folder. */
  public void stop() {
    if (vertx == null) {
      return;
    }
    try {
      await(kizuna.stop());
    } finally {
      await(vertx.close());
      vertx = null;
      kizuna = null;
    }
  }

  /** Stops the node and deletes its data folder unless it was given. */
  @Override
  public void close() {
    stop();
    if (ownsDataDir && dataDir != null) {
      deleteRecursively(dataDir);
      dataDir = null;
    }
  }

  public int port() {
    return kizuna.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The node's database, for tests that set up data no route writes (e.g. stored transcript segments). */
  public MongoStore store() {
    return kizuna.store();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new client with no session, like a fresh browser. */
  public Api anonymous() {
    return new Api(web, port());
  }

  /** A new client with no session talking to the node on {@code port} (another node of a deployment). */
  public Api anonymousOn(int port) {
    return new Api(web, port);
  }

  /** A new client sending the session cookie {@code sessionId} to the node on {@code port}. */
  public Api withSessionCookieOn(int port, String sessionId) {
    return new Api(web, port).withSessionCookie(sessionId);
  }

  /** Opens a socket to {@code uri} on the node listening on {@code port}, sending {@code headers}. */
  public RoomClient socketOn(int port, String uri, Map<String, String> headers) {
    return RoomClient.connect(sockets, port, uri, headers);
  }

  /** A new client that sends the session cookie {@code sessionId} (and keeps no other). */
  public Api withSessionCookie(String sessionId) {
    return new Api(web, port()).withSessionCookie(sessionId);
  }

  /** A new client logged in as {@code email}. */
  public Api login(String email, String password) {
    return anonymous().login(email, password);
  }

  public Api login(Account account) {
    return login(account.email(), account.password());
  }

  /** The bootstrap admin, logged in once per node. */
  public Api admin() {
    if (admin == null) {
      admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }
    return admin;
  }

  /** A unique e-mail address starting with {@code prefix}. */
  public static String uniqueEmail(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000 + "@example.test";
  }

  /** Creates a user with a unique e-mail through {@code POST /api/users} as the admin. */
  public Account createUser(String name, String... roles) {
    return createUser(name, "en", roles);
  }

  /** Creates a user of {@code locale} ({@code en}, {@code ja}) through {@code POST /api/users}. */
  public Account createUser(String name, String locale, String[] roles) {
    return createUser(name, locale, "", roles);
  }

  /** Creates a user of {@code locale} in organisation unit {@code unit} (empty: none). */
  public Account createUser(String name, String locale, String unit, String[] roles) {
    String email = uniqueEmail(name.toLowerCase().replaceAll("[^a-z0-9]+", "."));
    JsonObject body = new JsonObject()
        .put("email", email)
        .put("name", name)
        .put("locale", locale)
        .put("password", PASSWORD)
        .put("roles", new JsonArray(roles.length == 0 ? java.util.List.of("MEMBER") : java.util.List.of(roles)));
    if (!unit.isEmpty()) {
      body.put("unit", unit);
    }
    HttpResponse<Buffer> response = admin().post("/api/users", body);
    assertThat(response.statusCode()).as("create user: %s", response.bodyAsString()).isEqualTo(201);
    JsonObject user = response.bodyAsJsonObject();
    return new Account(user.getString("id"), email, PASSWORD, name, user);
  }

  /** Creates a pair through {@code POST /api/pairs} as the admin; returns the pair. */
  public JsonObject createPair(String managerId, String memberId) {
    HttpResponse<Buffer> response = admin().post("/api/pairs",
        new JsonObject().put("managerId", managerId).put("memberId", memberId).put("kind", "LINE"));
    assertThat(response.statusCode()).as("create pair: %s", response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** A manager and a member, paired, each logged in. */
  public Duo duo() {
    return duo("en");
  }

  /** A manager and a member of {@code memberLocale} (the meeting's language), paired, each logged in. */
  public Duo duo(String memberLocale) {
    Account manager = createUser("Manager Mori", "MANAGER");
    Account member = createUser("Member Mina", memberLocale, new String[] {"MEMBER"});
    String pairId = createPair(manager.id(), member.id()).getString("id");
    return new Duo(manager, member, login(manager), login(member), pairId);
  }

  /** Plans a meeting of {@code pairId} as {@code api}, a day ahead; returns the meeting. */
  public static JsonObject createMeeting(Api api, String pairId) {
    return createMeeting(api, pairId, Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 30);
  }

  public static JsonObject createMeeting(Api api, String pairId, Instant scheduledAt, int durationMinutes) {
    HttpResponse<Buffer> response = api.post("/api/meetings", new JsonObject()
        .put("pairId", pairId)
        .put("scheduledAt", scheduledAt.toString())
        .put("durationMinutes", durationMinutes));
    assertThat(response.statusCode()).as("create meeting: %s", response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** Opens a room socket to {@code meetingId} with {@code api}'s session cookie (or none if null). */
  public RoomClient room(String meetingId, Api api) {
    return RoomClient.connect(sockets, port(), meetingId, api == null ? null : api.cookieHeader());
  }

  /** Opens a socket to {@code uri} (path and query) sending {@code headers} and no cookie unless given. */
  public RoomClient socket(String uri, Map<String, String> headers) {
    return RoomClient.connect(sockets, port(), uri, headers);
  }

  /** Opens a room socket sending {@code cookie} verbatim (or none if null). */
  public RoomClient roomWithCookie(String meetingId, String cookie) {
    return RoomClient.connect(sockets, port(), meetingId, cookie);
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
