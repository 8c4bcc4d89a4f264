package dev.kizuna.server.feedback;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Member feedback in two collections that cannot be joined:
 * <ul>
 *   <li>{@code feedback_participations}: {@code _id} = meeting id (so one answer per meeting), the
 *       member, the manager, the month, the meeting's cells and those still pending. It says who
 *       answered, never what.</li>
 *   <li>{@code feedback_answers}: random id, manager, cell, rating, optional comment, month, and
 *       whether the answer was released into the aggregates. It says what, never who or when.</li>
 * </ul>
 * Distinct members per cell are counted on the participation side.
 */
public final class FeedbackRepository {

  static final String PARTICIPATIONS = "feedback_participations";
  static final String ANSWERS = "feedback_answers";

  private final MongoStore store;
  private final MongoClient mongo;

  public FeedbackRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(PARTICIPATIONS, new JsonObject().put("managerId", 1).put("pendingCells", 1))
        .compose(v -> mongo.createIndex(ANSWERS, new JsonObject().put("managerId", 1).put("released", 1)
            .put("topic", 1).put("expectation", 1)));
  }

  /** Whether the member of {@code meetingId} has answered. */
  public Future<Boolean> answered(String meetingId) {
    return mongo.count(PARTICIPATIONS, new JsonObject().put("_id", meetingId)).map(n -> n > 0);
  }

  /**
   * Records that the member answered {@code meetingId}, with every cell pending.
   *
   * @return {@code false} if an answer for the meeting exists already
   */
  public Future<Boolean> claim(String meetingId, String memberId, String managerId, List<Cell> cells, String period,
      Instant at) {
    JsonArray keys = new JsonArray(cells.stream().map(Cell::key).distinct().toList());
    JsonObject doc = new JsonObject()
        .put("_id", meetingId)
        .put("memberId", memberId)
        .put("managerId", managerId)
        .put("period", period)
        .put("cells", keys)
        .put("pendingCells", keys.copy())
        .put("answeredAt", MongoDates.toMongo(at))
        .put("schemaVersion", 1);
    // One unique key (_id) decides a race between two submissions of the same meeting.
    return mongo.insert(PARTICIPATIONS, doc).map(true)
        .recover(e -> answered(meetingId).compose(exists -> exists ? Future.succeededFuture(false) : Future.failedFuture(e)));
  }

  /** Stores answers as pending (not yet in any aggregate); completes once durable. */
  public Future<Void> insertAnswers(List<FeedbackAnswer> answers) {
    List<BulkOperation> inserts = answers.stream().map(a -> {
      JsonObject doc = new JsonObject()
          .put("_id", a.id())
          .put("managerId", a.managerId())
          .put("topic", a.cell().topic().name())
          .put("expectation", a.cell().expectation().name())
          .put("rating", a.rating())
          .put("period", a.period())
          .put("released", false)
          .put("schemaVersion", 1);
      if (a.comment() != null) {
        doc.put("comment", a.comment());
      }
      return BulkOperation.createInsert(doc);
    }).toList();
    return mongo.bulkWrite(ANSWERS, inserts).compose(r -> store.durable());
  }

  /** Managers who have answers waiting for release. */
  public Future<Set<String>> managersWithPending() {
    return mongo.findWithOptions(PARTICIPATIONS, pendingQuery(), new FindOptions().setFields(new JsonObject().put("managerId", 1)))
        .map(docs -> Set.copyOf(docs.stream().map(d -> d.getString("managerId")).toList()));
  }

  /** The participations of {@code managerId} with pending cells: {@code {memberId, pendingCells}}. */
  public Future<List<JsonObject>> pendingOf(String managerId) {
    return mongo.findWithOptions(PARTICIPATIONS, pendingQuery().put("managerId", managerId),
        new FindOptions().setFields(new JsonObject().put("memberId", 1).put("pendingCells", 1)));
  }

  /** Moves every pending answer of the manager's cell into the aggregates' input, all at once. */
  public Future<Void> releaseCell(String managerId, Cell cell) {
    JsonObject answers = new JsonObject().put("managerId", managerId).put("topic", cell.topic().name())
        .put("expectation", cell.expectation().name()).put("released", false);
    UpdateOptions many = new UpdateOptions().setMulti(true);
    return mongo.updateCollectionWithOptions(ANSWERS, answers,
            new JsonObject().put("$set", new JsonObject().put("released", true)), many)
        .compose(r -> mongo.updateCollectionWithOptions(PARTICIPATIONS,
            new JsonObject().put("managerId", managerId).put("pendingCells", cell.key()),
            new JsonObject().put("$pull", new JsonObject().put("pendingCells", cell.key())), many))
        .compose(r -> store.durable());
  }

  /** The released answers of {@code managerId}: {@code {topic, expectation, rating, period}}. */
  public Future<List<JsonObject>> releasedAnswers(String managerId) {
    return mongo.findWithOptions(ANSWERS, new JsonObject().put("managerId", managerId).put("released", true),
        new FindOptions().setFields(new JsonObject().put("topic", 1).put("expectation", 1).put("rating", 1).put("period", 1)));
  }

  /** Every participation of {@code managerId}: {@code {memberId, period, cells, pendingCells}}. */
  public Future<List<JsonObject>> participationsOf(String managerId) {
    return mongo.findWithOptions(PARTICIPATIONS, new JsonObject().put("managerId", managerId),
        new FindOptions().setFields(new JsonObject().put("memberId", 1).put("period", 1).put("cells", 1)
            .put("pendingCells", 1)));
  }

  private static JsonObject pendingQuery() {
    return new JsonObject().put("pendingCells.0", new JsonObject().put("$exists", true));
  }
}
