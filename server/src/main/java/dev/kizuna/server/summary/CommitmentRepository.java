package dev.kizuna.server.summary;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.meeting.Meeting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code promises} collection: the promises of accepted summaries, per pair, with whether they
 * were kept. Open ones come back in the next meetings' prep as carried over.
 */
public final class CommitmentRepository {

  private static final String COLLECTION = "promises";

  private final MongoStore store;
  private final MongoClient mongo;

  public CommitmentRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("pairId", 1).put("done", 1));
  }

  /**
   * Stores the promises of {@code meeting}'s accepted summary ({@code [{owner, what, due?}]}). Ids are
   * the meeting and the position, so accepting again updates them (a promise ticked done stays done)
   * and drops those the pair removed, instead of adding them twice.
   */
  public Future<Void> recordAccepted(Meeting meeting, JsonArray promises, Instant acceptedAt) {
    List<BulkOperation> writes = new ArrayList<>();
    JsonArray ids = new JsonArray();
    for (int i = 0; i < promises.size(); i++) {
      JsonObject p = promises.getJsonObject(i);
      String id = meeting.id() + "-" + i;
      ids.add(id);
      JsonObject set = new JsonObject().put("owner", p.getString("owner")).put("what", p.getString("what"))
          .put("due", p.getString("due")).put("acceptedAt", MongoDates.toMongo(acceptedAt));
      JsonObject onInsert = new JsonObject().put("pairId", meeting.pairId()).put("meetingId", meeting.id())
          .put("done", false).put("schemaVersion", 1);
      writes.add(BulkOperation.createUpdate(new JsonObject().put("_id", id),
          new JsonObject().put("$set", set).put("$setOnInsert", onInsert), true, false));
    }
    JsonObject removed = new JsonObject().put("meetingId", meeting.id())
        .put("_id", new JsonObject().put("$nin", ids));
    Future<Void> upserted = writes.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWrite(COLLECTION, writes).mapEmpty();
    return upserted.compose(v -> mongo.removeDocuments(COLLECTION, removed)).compose(r -> store.durable());
  }

  /** The pair's open promises from meetings other than {@code meetingId}, oldest first. */
  public Future<List<PairCommitment>> openFor(String pairId, String meetingId) {
    JsonObject query = new JsonObject().put("pairId", pairId).put("done", false)
        .put("meetingId", new JsonObject().put("$ne", meetingId));
    return mongo.findWithOptions(COLLECTION, query,
            new FindOptions().setSort(new JsonObject().put("acceptedAt", 1).put("_id", 1)))
        .map(docs -> docs.stream().map(CommitmentRepository::fromDocument).toList());
  }

  public Future<Optional<PairCommitment>> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(doc -> Optional.ofNullable(doc).map(CommitmentRepository::fromDocument));
  }

  /** Ticks a promise done (or open again), recording who and when. */
  public Future<Void> setDone(String id, boolean done, String userId, Instant at) {
    JsonObject set = new JsonObject().put("done", done).put("doneBy", done ? userId : null)
        .put("doneAt", done ? MongoDates.toMongo(at) : null);
    return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", id), new JsonObject().put("$set", set))
        .compose(r -> store.durable());
  }

  private static PairCommitment fromDocument(JsonObject d) {
    return new PairCommitment(d.getString("_id"), d.getString("pairId"), d.getString("meetingId"),
        d.getString("owner"), d.getString("what"), d.getString("due"), d.getBoolean("done", false),
        MongoDates.fromMongo(d.getValue("acceptedAt")));
  }
}
