package dev.kizuna.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** A MongoDB server or replica set reached through {@code MONGO_URL}. */
final class ExternalMongo implements MongoStore {

  private final MongoClient client;

  private ExternalMongo(MongoClient client) {
    this.client = client;
  }

  static MongoStore connect(Vertx vertx, String url, String database) {
    JsonObject config = new JsonObject().put("connection_string", url).put("db_name", database);
    return new ExternalMongo(MongoClient.createShared(vertx, config, "kizuna"));
  }

  @Override
  public MongoClient client() {
    return client;
  }

  @Override
  public Future<Void> durable() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
