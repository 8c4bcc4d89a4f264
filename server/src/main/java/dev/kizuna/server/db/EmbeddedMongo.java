package dev.kizuna.server.db;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default: mongo-java-server with its H2 (MVStore) backend in this process,
 * listening on a free loopback port and reached through the official driver like any MongoDB.
 *
 * <p>The H2 store commits lazily, so an acknowledged write could be lost if the process died
 * right after it (checked in FACTS.md). {@link #durable()} commits the store on a one-thread
 * worker; routes that change data wait for it before answering.
 */
final class EmbeddedMongo implements MongoStore {

  private final MongoServer server;
  private final H2Backend backend;
  private final MongoClient client;
  private final WorkerExecutor committer;

  private EmbeddedMongo(MongoServer server, H2Backend backend, MongoClient client, WorkerExecutor committer) {
    this.server = server;
    this.backend = backend;
    this.client = client;
    this.committer = committer;
  }

  static Future<MongoStore> start(Vertx vertx, Path dataDir, String database) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      H2Backend backend = new H2Backend(dataDir.resolve("kizuna.mv").toString());
      MongoServer server = new MongoServer(backend);
      server.bind("127.0.0.1", 0);
      InetSocketAddress address = server.getLocalAddress();
      JsonObject config = new JsonObject()
          .put("connection_string", "mongodb://127.0.0.1:" + address.getPort())
          .put("db_name", database);
      MongoClient client = MongoClient.createShared(vertx, config, "kizuna-embedded");
      WorkerExecutor committer = vertx.createSharedWorkerExecutor("kizuna-h2-commit", 1);
      return new EmbeddedMongo(server, backend, client, committer);
    });
  }

  @Override
  public MongoClient client() {
    return client;
  }

  @Override
  public Future<Void> durable() {
    return committer.executeBlocking(() -> {
      backend.commit();
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
