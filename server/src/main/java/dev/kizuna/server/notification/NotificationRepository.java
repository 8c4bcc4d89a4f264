package dev.kizuna.server.notification;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/** The {@code notifications} collection: in-app notifications per user. */
public final class NotificationRepository {

  private static final String COLLECTION = "notifications";
  /** Most notifications a listing returns, newest first. */
  public static final int LIST_LIMIT = 200;

  private final MongoStore store;
  private final MongoClient mongo;

  public NotificationRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("userId", 1).put("createdAt", -1));
  }

  /** Stores {@code notifications}; completes once durable. */
  public Future<Void> insertAll(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.all(notifications.stream().map(n -> mongo.insert(COLLECTION, toDocument(n))).toList())
        .compose(v -> store.durable());
  }

  /** {@code userId}'s notifications, newest first. */
  public Future<List<Notification>> forUser(String userId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("userId", userId),
            new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(LIST_LIMIT))
        .map(docs -> docs.stream().map(NotificationRepository::fromDocument).toList());
  }

  /** Marks {@code id} read if it is {@code userId}'s; {@code false} if no such notification of theirs. */
  public Future<Boolean> markRead(String id, String userId, Instant at) {
    JsonObject filter = new JsonObject().put("_id", id).put("userId", userId);
    JsonObject set = new JsonObject().put("$set", new JsonObject().put("readAt", MongoDates.toMongo(at)));
    return mongo.updateCollection(COLLECTION, filter, set).compose(r -> store.durable().map(r.getDocMatched() > 0));
  }

  private static JsonObject toDocument(Notification n) {
    return new JsonObject()
        .put("_id", n.id())
        .put("userId", n.userId())
        .put("kind", n.kind().name())
        .put("meetingId", n.meetingId())
        .put("refId", n.refId())
        .put("actorName", n.actorName())
        .put("memberName", n.memberName())
        .put("managerName", n.managerName())
        .put("note", n.note())
        .put("createdAt", MongoDates.toMongo(n.createdAt()))
        .put("readAt", null)
        .put("schemaVersion", 1);
  }

  private static Notification fromDocument(JsonObject d) {
    return new Notification(d.getString("_id"), d.getString("userId"), NotificationKind.valueOf(d.getString("kind")),
        d.getString("meetingId"), d.getString("refId"), d.getString("actorName"), d.getString("memberName"),
        d.getString("managerName"), d.getString("note"), MongoDates.fromMongo(d.getValue("createdAt")),
        MongoDates.fromMongo(d.getValue("readAt")));
  }
}
