package dev.kizuna.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/**
 * The MongoDB connection Kizuna's repositories share, and the promise that a write is durable
 * before it is acknowledged to a client.
 */
public interface MongoStore {

  /** The client; every repository uses it. */
  MongoClient client();

  /**
   * Completes once every write that completed before this call survives a crash of this
   * process. External MongoDB: immediate (durability comes from the write concern of the
   * connection string). Embedded server: commits its H2 store, off the event loop.
   */
  Future<Void> durable();

  /** Runs MongoDB's {@code ping} command; fails if the database does not answer. */
  default Future<Void> ping() {
    return client().runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  /** Closes the client (and the embedded server, if any), committing what is pending. */
  Future<Void> close();

  /**
   * Connects to {@code mongoUrl}, or, when it is empty, starts the embedded MongoDB-wire
   * server with its data in {@code dataDir}.
   */
  static Future<MongoStore> open(Vertx vertx, java.util.Optional<String> mongoUrl, java.nio.file.Path dataDir,
      String database) {
    return mongoUrl.<Future<MongoStore>>map(url -> Future.succeededFuture(ExternalMongo.connect(vertx, url, database)))
        .orElseGet(() -> EmbeddedMongo.start(vertx, dataDir, database));
  }
}
