package dev.kizuna.server;

import dev.kizuna.server.auth.AccessTokens;
import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.auth.PasswordHasher;
import dev.kizuna.server.auth.SessionRoutes;
import dev.kizuna.server.config.KizunaConfig;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.demo.DemoSeeder;
import dev.kizuna.server.health.HealthRoutes;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingRoutes;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.pair.PairRoutes;
import dev.kizuna.server.room.RoomEndpoint;
import dev.kizuna.server.user.AdminBootstrap;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.user.UserRoutes;
import dev.kizuna.server.web.AppRouter;
import dev.kizuna.server.web.HttpVerticle;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomLimits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: opens the database, builds repositories and services, bootstraps
 * the admin (and the demo), and deploys the HTTP verticles. One instance is one node.
 */
public final class Kizuna {

  private final Vertx vertx;
  private final MongoStore store;
  private final String deploymentId;
  private final int port;

  private Kizuna(Vertx vertx, MongoStore store, String deploymentId, int port) {
    this.vertx = vertx;
    this.store = store;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  /** A Vert.x instance whose metrics go to {@code registry} (served at {@code /metrics}). */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    // vertx-micrometer keeps backends in a JVM-wide map by registry name: under the shared default
    // name, a second Vert.x in this JVM would record into the first one's registry, not this one.
    String registryName = "kizuna-" + UUID.randomUUID();
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true).setRegistryName(registryName)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** A fresh Prometheus registry. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Starts one node.
   *
   * @param demoPassword when present, seeds the demo pair and meeting with this password
   */
  public static Future<Kizuna> start(Vertx vertx, PrometheusMeterRegistry registry, KizunaConfig config,
      Optional<String> demoPassword) {
    return MongoStore.open(vertx, config.mongoUrl(), config.dataDir(), config.mongoDatabase())
        .compose(store -> wire(vertx, registry, config, store, demoPassword)
            .recover(e -> store.close().transform(ignored -> Future.failedFuture(e))));
  }

  private static Future<Kizuna> wire(Vertx vertx, PrometheusMeterRegistry registry, KizunaConfig config,
      MongoStore store, Optional<String> demoPassword) {
    UserRepository users = new UserRepository(store);
    PairRepository pairs = new PairRepository(store);
    MeetingRepository meetings = new MeetingRepository(store);
    PasswordHasher hasher = new PasswordHasher(vertx, config.passwordIterations());
    RoomHub hub = RoomHub.inProcess(vertx);
    AccessTokens tokens = new AccessTokens(store);
    CurrentUser currentUser = new CurrentUser(users, tokens);
    UserRoutes userRoutes = new UserRoutes(users, hasher);
    AppRouter app = new AppRouter(
        new SessionRoutes(users, hasher, tokens, registry),
        userRoutes,
        new PairRoutes(pairs, users),
        new MeetingRoutes(meetings, pairs, hub),
        new RoomEndpoint(currentUser, meetings, hub, config.iceServers(), RoomLimits.DEFAULT),
        new HealthRoutes(store, config.dataDir(), config.mongoUrl().isEmpty()),
        currentUser,
        registry,
        config.secureCookies(),
        config.sessionTimeout(),
        config.webrootDir());
    Future<Void> seeded = users.createIndexes()
        .compose(v -> pairs.createIndexes())
        .compose(v -> meetings.createIndexes())
        .compose(v -> tokens.createIndexes())
        .compose(v -> AdminBootstrap.run(users, userRoutes, config.adminEmail(), config.adminPassword()))
        .compose(v -> demoPassword
            .map(p -> new DemoSeeder(users, userRoutes, hasher, pairs, meetings).seed(p).<Void>mapEmpty())
            .orElseGet(Future::succeededFuture));
    // Port 0 means "any free port": one instance, so that there is one port to report.
    int instances = config.httpPort() == 0 ? 1 : config.httpInstances();
    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    return seeded
        .compose(v -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(app::build, config.httpHost(), config.httpPort());
          first.compareAndSet(null, verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(instances)))
        .map(id -> new Kizuna(vertx, store, id, first.get().actualPort()));
  }

  /** The HTTP port this node listens on. */
  public int port() {
    return port;
  }

  /** Undeploys the HTTP verticles and closes the database (the embedded one commits). */
  public Future<Void> stop() {
    return vertx.undeploy(deploymentId).eventually(store::close);
  }
}
