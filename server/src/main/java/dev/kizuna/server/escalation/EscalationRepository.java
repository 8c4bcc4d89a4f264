package dev.kizuna.server.escalation;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** The {@code escalations} collection. */
public final class EscalationRepository {

  private static final String COLLECTION = "escalations";

  private final MongoStore store;
  private final MongoClient mongo;

  public EscalationRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1));
  }

  /** Stores {@code escalation}; completes once durable. */
  public Future<Escalation> insert(Escalation e) {
    JsonObject doc = new JsonObject()
        .put("_id", e.id())
        .put("meetingId", e.meetingId())
        .put("pairId", e.pairId())
        .put("raisedBy", e.raisedBy())
        .put("role", e.role().name())
        .put("note", e.note())
        .put("agendaIndex", e.agendaIndex())
        .put("raisedAt", MongoDates.toMongo(e.raisedAt()))
        .put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable()).map(e);
  }

  /** How many escalations a meeting has. */
  public Future<Long> countForMeeting(String meetingId) {
    return mongo.count(COLLECTION, new JsonObject().put("meetingId", meetingId));
  }
}
