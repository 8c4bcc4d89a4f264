package dev.kizuna.server.feedback;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The only feedback anyone reads: per manager and cell ({@code feedback_cells}) and per manager and
 * month ({@code feedback_periods}), sums, answer counts and distinct member counts of released
 * answers. Rewritten for a manager only by a release, so the numbers move in batches.
 */
public final class FeedbackAggregates {

  private static final String CELLS = "feedback_cells";
  private static final String PERIODS = "feedback_periods";

  private final MongoStore store;
  private final MongoClient mongo;
  private final FeedbackRepository feedback;

  public FeedbackAggregates(MongoStore store, FeedbackRepository feedback) {
    this.store = store;
    this.mongo = store.client();
    this.feedback = feedback;
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(CELLS, new JsonObject().put("managerId", 1))
        .compose(v -> mongo.createIndex(PERIODS, new JsonObject().put("managerId", 1)));
  }

  /** Recomputes the manager's aggregates from their released answers; {@code org} as it is now. */
  public Future<Void> recompute(String managerId, String org) {
    return feedback.releasedAnswers(managerId).compose(answers -> feedback.participationsOf(managerId)
        .compose(participations -> write(managerId, org, answers, participations)));
  }

  private Future<Void> write(String managerId, String org, List<JsonObject> answers, List<JsonObject> participations) {
    Map<String, long[]> cells = new TreeMap<>();
    Map<String, long[]> periods = new TreeMap<>();
    for (JsonObject a : answers) {
      add(cells, a.getString("topic") + "." + a.getString("expectation"), a.getInteger("rating"));
      add(periods, a.getString("period"), a.getInteger("rating"));
    }
    Map<String, Set<String>> cellMembers = new HashMap<>();
    Map<String, Set<String>> periodMembers = new HashMap<>();
    for (JsonObject p : participations) {
      List<Object> released = new ArrayList<>(p.getJsonArray("cells").getList());
      released.removeAll(p.getJsonArray("pendingCells", new JsonArray()).getList());
      for (Object cell : released) {
        cellMembers.computeIfAbsent((String) cell, k -> new HashSet<>()).add(p.getString("memberId"));
      }
      if (!released.isEmpty()) {
        periodMembers.computeIfAbsent(p.getString("period"), k -> new HashSet<>()).add(p.getString("memberId"));
      }
    }
    List<BulkOperation> cellDocs = new ArrayList<>();
    cells.forEach((key, s) -> {
      Cell cell = Cell.parse(key);
      JsonObject doc = new JsonObject().put("_id", managerId + ":" + key).put("managerId", managerId).put("org", org)
          .put("topic", cell.topic().name()).put("expectation", cell.expectation().name())
          .put("sum", s[0]).put("answers", s[1]).put("members", cellMembers.getOrDefault(key, Set.of()).size());
      cellDocs.add(BulkOperation.createReplace(new JsonObject().put("_id", doc.getString("_id")), doc, true));
    });
    List<BulkOperation> periodDocs = new ArrayList<>();
    periods.forEach((period, s) -> {
      JsonObject doc = new JsonObject().put("_id", managerId + ":" + period).put("managerId", managerId)
          .put("period", period).put("sum", s[0]).put("answers", s[1])
          .put("members", periodMembers.getOrDefault(period, Set.of()).size());
      periodDocs.add(BulkOperation.createReplace(new JsonObject().put("_id", doc.getString("_id")), doc, true));
    });
    Future<?> written = cellDocs.isEmpty() ? Future.succeededFuture() : mongo.bulkWrite(CELLS, cellDocs);
    return written.compose(r -> periodDocs.isEmpty() ? Future.succeededFuture() : mongo.bulkWrite(PERIODS, periodDocs))
        .compose(r -> store.durable());
  }

  private static void add(Map<String, long[]> sums, String key, int rating) {
    long[] s = sums.computeIfAbsent(key, k -> new long[2]);
    s[0] += rating;
    s[1]++;
  }

  /** Every manager's cells (for the organisation's and all users' averages). */
  public Future<List<CellStats>> allCells() {
    return mongo.findWithOptions(CELLS, new JsonObject(), new FindOptions())
        .map(docs -> docs.stream().map(d -> new CellStats(d.getString("managerId"), d.getString("org", ""),
            new Cell(Topic.valueOf(d.getString("topic")), Expectation.valueOf(d.getString("expectation"))),
            d.getLong("sum"), d.getLong("answers"), d.getLong("members"))).toList());
  }

  /** Every manager's months {@code from}..{@code to} (inclusive; for the admin analytics). */
  public Future<List<PeriodStats>> periodsBetween(YearMonth from, YearMonth to) {
    // YYYY-MM strings sort like the months they name.
    JsonObject query = new JsonObject().put("period", new JsonObject().put("$gte", from.toString()).put("$lte", to.toString()));
    return mongo.findWithOptions(PERIODS, query, new FindOptions())
        .map(docs -> docs.stream().map(FeedbackAggregates::period).toList());
  }

  /** The manager's months, oldest first. */
  public Future<List<PeriodStats>> periodsOf(String managerId) {
    return mongo.findWithOptions(PERIODS, new JsonObject().put("managerId", managerId),
            new FindOptions().setSort(new JsonObject().put("period", 1)))
        .map(docs -> docs.stream().map(FeedbackAggregates::period).toList());
  }

  private static PeriodStats period(JsonObject d) {
    return new PeriodStats(d.getString("managerId"), d.getString("period"), d.getLong("sum"), d.getLong("answers"),
        d.getLong("members"));
  }
}
