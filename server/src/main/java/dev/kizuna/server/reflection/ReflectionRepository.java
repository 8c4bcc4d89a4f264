package dev.kizuna.server.reflection;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Optional;

/** The {@code reflections} collection: one per meeting ({@code _id} = meeting id). */
public final class ReflectionRepository {

  private static final String COLLECTION = "reflections";
  /** Most reflections a listing returns. */
  public static final int LIST_LIMIT = 200;

  private final MongoStore store;
  private final MongoClient mongo;

  public ReflectionRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("managerId", 1).put("createdAt", -1));
  }

  /** Stores the reflection; {@code false} if the meeting has one already. */
  public Future<Boolean> insert(Reflection r) {
    JsonObject doc = r.toJson().put("_id", r.meetingId()).put("managerId", r.managerId())
        .put("createdAt", MongoDates.toMongo(r.createdAt())).put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable()).map(true)
        .recover(e -> find(r.meetingId()).compose(found -> found.isPresent()
            ? Future.succeededFuture(false) : Future.failedFuture(e)));
  }

  public Future<Optional<Reflection>> find(String meetingId) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", meetingId), null)
        .map(d -> Optional.ofNullable(d).map(ReflectionRepository::fromDocument));
  }

  /** The manager's reflections, newest first. */
  public Future<List<Reflection>> byManager(String managerId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("managerId", managerId),
            new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(LIST_LIMIT))
        .map(docs -> docs.stream().map(ReflectionRepository::fromDocument).toList());
  }

  private static Reflection fromDocument(JsonObject d) {
    return new Reflection(d.getString("_id"), d.getString("managerId"), d.getString("attention"), d.getString("worked"),
        d.getBoolean("shareAsHint"), d.getInteger("agendaIndex"), MongoDates.fromMongo(d.getValue("createdAt")));
  }
}
