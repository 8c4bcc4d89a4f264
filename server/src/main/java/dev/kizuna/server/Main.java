package dev.kizuna.server;

import dev.kizuna.server.config.ConfigLoader;
import dev.kizuna.server.config.KizunaConfig;
import dev.kizuna.server.demo.DemoSeeder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar kizuna.jar [--demo]}: starts one Kizuna node on the settings of
 * {@code reference.yaml}, a YAML file and the environment. {@code --demo} seeds a manager, a
 * member and a planned meeting and prints their credentials.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    List<String> flags = Arrays.asList(args);
    if (flags.contains("--help") || flags.contains("-h")) {
      System.out.println("usage: java -jar kizuna.jar [--demo]\nSettings: environment variables, see reference.yaml in the jar and README.md.");
      return;
    }
    boolean demo = flags.contains("--demo");
    PrometheusMeterRegistry registry = Kizuna.newRegistry();
    Vertx vertx = Kizuna.newVertx(registry);
    ConfigLoader.load(vertx, Map.of())
        .compose(config -> {
          Optional<String> demoPassword = demo
              ? Optional.of(config.demoPassword().orElseGet(Main::randomPassword))
              : Optional.empty();
          return Kizuna.start(vertx, registry, config, demoPassword).onSuccess(node -> {
            announce(config, node, demoPassword);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, node), "kizuna-shutdown"));
          });
        })
        .onFailure(e -> {
          LOG.error("Kizuna could not start: {}", e.getMessage(), e);
          vertx.close();
          System.exit(1);
        });
  }

  private static void announce(KizunaConfig config, Kizuna node, Optional<String> demoPassword) {
    LOG.info("Kizuna listening on port {} (database: {})", node.port(),
        config.mongoUrl().isPresent() ? "MONGO_URL" : "embedded under " + config.dataDir().toAbsolutePath().normalize());
    demoPassword.ifPresent(password -> System.out.printf(
        "%nKizuna demo is ready: open http://localhost:%d in two browser windows.%n"
            + "  member:  %s%n  manager: %s%n  password: %s%n%n",
        node.port(), DemoSeeder.MEMBER_EMAIL, DemoSeeder.MANAGER_EMAIL, password));
  }

  private static void stop(Vertx vertx, Kizuna node) {
    CompletableFuture<Void> done = node.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture();
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown did not finish cleanly: {}", e.toString());
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[9];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
