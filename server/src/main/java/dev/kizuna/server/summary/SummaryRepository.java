package dev.kizuna.server.summary;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoErrors;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.meeting.Meeting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code summaries} collection, one document per meeting ({@code _id} = meeting id): the latest
 * proposed draft as generated, and once the pair accepts, the summary as accepted, by whom and when.
 */
public final class SummaryRepository {

  /** Where a meeting's summary stands. */
  public enum Status {
    PROPOSED,
    ACCEPTED
  }

  private static final String COLLECTION = "summaries";

  private final MongoStore store;
  private final MongoClient mongo;

  public SummaryRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("pairId", 1));
  }

  /**
   * Records {@code draft} (wire form) as the meeting's proposed summary, unless one was accepted meanwhile.
   */
  public Future<Void> propose(Meeting meeting, JsonObject draft, String producedBy, Instant at) {
    JsonObject notAccepted = new JsonObject().put("_id", meeting.id())
        .put("status", new JsonObject().put("$ne", Status.ACCEPTED.name()));
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject().put("status", Status.PROPOSED.name()).put("draft", draft)
            .put("producedBy", producedBy).put("proposedAt", MongoDates.toMongo(at)))
        .put("$setOnInsert", new JsonObject().put("meetingId", meeting.id()).put("pairId", meeting.pairId())
            .put("schemaVersion", 1));
    return mongo.updateCollectionWithOptions(COLLECTION, notAccepted, update, new UpdateOptions().setUpsert(true))
        .<Void>mapEmpty()
        // the upsert met an accepted summary (same _id): the accepted one stands
        .recover(e -> MongoErrors.isDuplicateKey(e) ? Future.succeededFuture() : Future.failedFuture(e))
        .compose(v -> store.durable());
  }

  /** Records {@code accepted} (wire form, as the pair edited it) as the meeting's accepted summary. */
  public Future<Void> accept(Meeting meeting, JsonObject accepted, String acceptedBy, Instant at) {
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject().put("status", Status.ACCEPTED.name()).put("accepted", accepted)
            .put("acceptedBy", acceptedBy).put("acceptedAt", MongoDates.toMongo(at)))
        .put("$setOnInsert", new JsonObject().put("meetingId", meeting.id()).put("pairId", meeting.pairId())
            .put("schemaVersion", 1));
    return mongo.updateCollectionWithOptions(COLLECTION, new JsonObject().put("_id", meeting.id()), update,
            new UpdateOptions().setUpsert(true))
        .compose(r -> store.durable());
  }

  /** Where the meeting's summary stands, if one was ever proposed. */
  public Future<Optional<Status>> status(String meetingId) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", meetingId), new JsonObject().put("status", 1))
        .map(doc -> Optional.ofNullable(doc).map(d -> Status.valueOf(d.getString("status"))));
  }

}
