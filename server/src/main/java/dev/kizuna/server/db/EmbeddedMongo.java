package dev.kizuna.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Path;

/**
 * The embedded default: {@link MongoWireServer} in this process on a free loopback port,
 * reached through the official driver like any MongoDB.
 *
 * <p>The H2 store commits lazily, so an acknowledged write could be lost if the process died
 * right after it (checked in FACTS.md). {@link #durable()} commits the store on a one-thread
 * worker; routes that change data wait for it before answering.
 */
final class EmbeddedMongo implements MongoStore {

  private final MongoWireServer server;
  private final MongoClient client;
  private final WorkerExecutor committer;

  private EmbeddedMongo(MongoWireServer server, MongoClient client, WorkerExecutor committer) {
    this.server = server;
    this.client = client;
    this.committer = committer;
  }

  static Future<MongoStore> start(Vertx vertx, Path dataDir, String database) {
    return vertx.executeBlocking(() -> {
      MongoWireServer server = MongoWireServer.open(dataDir, 0);
      JsonObject config = new JsonObject()
          .put("connection_string", server.connectionString())
          .put("db_name", database);
      MongoClient client = MongoClient.createShared(vertx, config, "kizuna-embedded");
      WorkerExecutor committer = vertx.createSharedWorkerExecutor("kizuna-h2-commit", 1);
      return new EmbeddedMongo(server, client, committer);
    });
  }

  @Override
  public MongoClient client() {
    return client;
  }

  @Override
  public Future<Void> durable() {
    return committer.executeBlocking(() -> {
      server.commit();
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    return client.close()
        .eventually(() -> committer.executeBlocking(() -> {
          server.shutdown();
          return null;
        }))
        .eventually(committer::close);
  }
}
