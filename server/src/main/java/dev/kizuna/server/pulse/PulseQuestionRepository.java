package dev.kizuna.server.pulse;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;

/**
 * The {@code pulse_questions} collection: one document ({@code _id = current}) holding the
 * organisation's custom pulse questions, replaced as a whole by an admin.
 */
public final class PulseQuestionRepository {

  private static final String COLLECTION = "pulse_questions";
  private static final JsonObject CURRENT = new JsonObject().put("_id", "current");

  private final MongoStore store;
  private final MongoClient mongo;

  public PulseQuestionRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  /** The questions asked now, in the admin's order; none before an admin sets any. */
  public Future<List<PulseQuestion>> current() {
    return mongo.findOne(COLLECTION, CURRENT, null).map(doc -> doc == null ? List.of()
        : doc.getJsonArray("questions", new JsonArray()).stream()
            .map(o -> PulseQuestion.fromJson((JsonObject) o))
            .toList());
  }

  /** Replaces the questions; completes once durable. */
  public Future<List<PulseQuestion>> replace(List<PulseQuestion> questions) {
    JsonObject set = new JsonObject()
        .put("questions", new JsonArray(questions.stream().map(PulseQuestion::toJson).toList()))
        .put("updatedAt", MongoDates.toMongo(Instant.now()))
        .put("schemaVersion", 1);
    return mongo.updateCollectionWithOptions(COLLECTION, CURRENT, new JsonObject().put("$set", set),
            new UpdateOptions().setUpsert(true))
        .compose(r -> store.durable())
        .map(questions);
  }
}
