package dev.kizuna.server.cue;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;

/**
 * The {@code live_hints} collection: every hint shown to a manager during a meeting, and
 * whether the manager marked it helpful (which hints work, for the hint library).
 */
public final class ShownHints {

  private static final String COLLECTION = "live_hints";

  private final MongoStore store;
  private final MongoClient mongo;

  public ShownHints(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1).put("shownAt", 1));
  }

  /** Records that {@code hint} was shown to manager {@code managerId} in meeting {@code meetingId}. */
  public Future<Void> record(String meetingId, String managerId, LiveHint hint, Instant shownAt) {
    JsonObject doc = hint.toMessage().copy();
    doc.remove("type");
    doc.remove("id");
    doc.put("_id", hint.id()).put("meetingId", meetingId).put("managerId", managerId)
        .put("shownAt", MongoDates.toMongo(shownAt)).put("helpful", false).put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).mapEmpty();
  }

  /** Marks hint {@code hintId} of {@code meetingId} helpful; {@code false} if there is no such hint. */
  public Future<Boolean> markHelpful(String meetingId, String hintId) {
    return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", hintId).put("meetingId", meetingId),
            new JsonObject().put("$set", new JsonObject().put("helpful", true)))
        .compose(result -> store.durable().map(result != null && result.getDocMatched() > 0));
  }

  /** Whether hint {@code hintId} of {@code meetingId} is marked helpful (tests, analytics). */
  public Future<Boolean> isHelpful(String meetingId, String hintId) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", hintId).put("meetingId", meetingId), null)
        .map(doc -> doc != null && doc.getBoolean("helpful", false));
  }
}
