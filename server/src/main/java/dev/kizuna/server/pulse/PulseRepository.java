package dev.kizuna.server.pulse;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoErrors;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pulse answers, kept twice and never linked: {@code pulse_history} holds each member's own
 * answers ({@code _id = memberId:YYYY-MM}, so a second answer in a month is refused by the
 * unique id), readable only by that member; {@code pulse_responses} holds the same scores with
 * only the month and the member's organisation unit, no identity and no time, for aggregates.
 * Since the history admits one answer per member and month, the anonymous answers of one month
 * come from distinct members.
 */
public final class PulseRepository {

  private static final String HISTORY = "pulse_history";
  private static final String RESPONSES = "pulse_responses";
  /** Most months of history a member gets back (ten years). */
  public static final int HISTORY_LIMIT = 120;

  private final MongoStore store;
  private final MongoClient mongo;

  public PulseRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(HISTORY, new JsonObject().put("memberId", 1).put("month", -1))
        .compose(v -> mongo.createIndex(RESPONSES, new JsonObject().put("month", 1)));
  }

  /**
   * Stores {@code response} in the member's history and, without identity, for aggregates;
   * completes once durable. The history goes first: its unique id is what keeps the anonymous
   * answers to one per member and month (should the second write fail, the month lacks that
   * member's anonymous answer rather than counting it twice).
   *
   * @param questions the questions asked now (their texts are kept in the member's history)
   * @return the history entry; fails with 409 if the member already answered this month
   */
  public Future<JsonObject> submit(String memberId, String unit, PulseResponse response,
      List<PulseQuestion> questions) {
    String month = response.month().toString();
    JsonObject entry = historyEntry(response, questions)
        .put("_id", memberId + ":" + month)
        .put("memberId", memberId)
        .put("submittedAt", MongoDates.toMongo(Instant.now()))
        .put("schemaVersion", 1);
    JsonObject anonymous = response.toJson()
        .put("_id", Ids.next())
        .put("month", month)
        .put("unit", unit)
        .put("schemaVersion", 1);
    return mongo.insert(HISTORY, entry)
        .recover(e -> MongoErrors.isDuplicateKey(e)
            ? Future.failedFuture(HttpProblem.conflict("you already answered the pulse of " + month))
            : Future.failedFuture(e))
        .compose(id -> mongo.insert(RESPONSES, anonymous))
        .compose(id -> store.durable())
        .map(v -> publicEntry(entry));
  }

  /** The member's own answers, newest month first. */
  public Future<List<JsonObject>> history(String memberId) {
    FindOptions options = new FindOptions().setSort(new JsonObject().put("month", -1)).setLimit(HISTORY_LIMIT);
    return mongo.findWithOptions(HISTORY, new JsonObject().put("memberId", memberId), options)
        .map(docs -> docs.stream().map(PulseRepository::publicEntry).toList());
  }

  /** The anonymous answers of {@code months}: {@code {month, unit, growth, condition, stage, answers}}. */
  public Future<List<JsonObject>> responses(Collection<YearMonth> months) {
    JsonObject query = new JsonObject().put("month",
        new JsonObject().put("$in", new JsonArray(months.stream().map(YearMonth::toString).toList())));
    return mongo.find(RESPONSES, query);
  }

  /** The entry as the member sees it: month, scores, and each answer with its question as asked. */
  private static JsonObject historyEntry(PulseResponse response, List<PulseQuestion> questions) {
    Map<String, PulseQuestion> byId = questions.stream().collect(Collectors.toMap(PulseQuestion::id, Function.identity()));
    JsonArray answers = new JsonArray();
    for (PulseResponse.Answer answer : response.answers()) {
      PulseQuestion question = byId.get(answer.questionId());
      JsonObject json = answer.toJson().put("kind", question.kind().name()).put("question", PulseQuestion.json(question.text()));
      if (answer.choice() != null) {
        json.put("option", PulseQuestion.json(question.options().get(answer.choice())));
      }
      answers.add(json);
    }
    return response.toJson().put("month", response.month().toString()).put("answers", answers);
  }

  private static JsonObject publicEntry(JsonObject doc) {
    return new JsonObject()
        .put("month", doc.getString("month"))
        .put("growth", doc.getInteger("growth"))
        .put("condition", doc.getInteger("condition"))
        .put("stage", doc.getInteger("stage"))
        .put("answers", doc.getJsonArray("answers", new JsonArray()))
        .put("submittedAt", MongoDates.fromMongo(doc.getValue("submittedAt")).toString());
  }

}
