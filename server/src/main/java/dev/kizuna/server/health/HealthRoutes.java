package dev.kizuna.server.health;

import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code GET /health}: 200 {@code UP} when every check passes, 503 {@code DOWN} otherwise.
 * Checks: MongoDB answers {@code ping} within 2 s; the data folder is writable.
 */
public final class HealthRoutes {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MongoStore store;
  private final Path dataDir;
  private final boolean embeddedMongo;

  public HealthRoutes(MongoStore store, Path dataDir, boolean embeddedMongo) {
    this.store = store;
    this.dataDir = dataDir;
    this.embeddedMongo = embeddedMongo;
  }

  public void handle(RoutingContext ctx) {
    Future<JsonObject> mongo = check("mongo", store.ping().timeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS),
        new JsonObject().put("embedded", embeddedMongo));
    Future<JsonObject> disk = check("dataDir", ctx.vertx().executeBlocking(() -> {
      if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
        throw new IllegalStateException("not a writable folder: " + dataDir.toAbsolutePath());
      }
      return null;
    }), new JsonObject().put("path", dataDir.toAbsolutePath().toString()));
    Future.join(mongo, disk).onComplete(ignored -> {
      JsonArray checks = new JsonArray().add(mongo.result()).add(disk.result());
      boolean up = checks.stream().allMatch(c -> "UP".equals(((JsonObject) c).getString("status")));
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks).encode());
    });
  }

  /** Never fails: a failed probe becomes a {@code DOWN} entry with the reason. */
  private static Future<JsonObject> check(String id, Future<?> probe, JsonObject data) {
    return probe.map(v -> new JsonObject().put("id", id).put("status", "UP").put("data", data))
        .otherwise(e -> new JsonObject().put("id", id).put("status", "DOWN")
            .put("data", data.copy().put("error", String.valueOf(e.getMessage()))));
  }
}
