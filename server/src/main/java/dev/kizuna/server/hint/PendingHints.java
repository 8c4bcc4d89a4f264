package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/**
 * The {@code pending_hints} pool: consented, anonymised comments waiting for their batch. A
 * member's comment leaves with its cell's feedback answers (so it never shows up right after it
 * was written); a manager's reflection at the next release. Once released a hint is a COMMUNITY
 * hint in {@code hints} with no author and no manager id.
 */
public final class PendingHints {

  /** Who wrote a community hint. */
  public enum Source { MEMBER, MANAGER }

  private static final String COLLECTION = "pending_hints";

  private final MongoStore store;
  private final MongoClient mongo;
  private final HintRepository hints;

  public PendingHints(MongoStore store, HintRepository hints) {
    this.store = store;
    this.mongo = store.client();
    this.hints = hints;
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("managerId", 1).put("topic", 1).put("expectation", 1));
  }

  /**
   * Queues {@code text} (already anonymised) as a future COMMUNITY hint of the cell.
   *
   * @param managerId the manager whose batch releases it (stored only while pending)
   */
  public Future<Void> add(String managerId, Topic topic, Expectation expectation, Source source, String text) {
    JsonObject doc = new JsonObject()
        .put("_id", Ids.next())
        .put("managerId", managerId)
        .put("topic", topic.name())
        .put("expectation", expectation.name())
        .put("source", source.name())
        .put("language", CommunityText.language(text))
        .put("text", text)
        .put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).mapEmpty();
  }

  /** Releases the members' pending hints of one manager's cell into the library. */
  public Future<Long> releaseMembers(String managerId, Topic topic, Expectation expectation) {
    return release(new JsonObject().put("managerId", managerId).put("topic", topic.name())
        .put("expectation", expectation.name()).put("source", Source.MEMBER.name()));
  }

  /** Releases every manager's pending reflection hint into the library. */
  public Future<Long> releaseManagers() {
    return release(new JsonObject().put("source", Source.MANAGER.name()));
  }

  /** Library upsert first, then delete: a crash in between releases nothing twice (same key). */
  private Future<Long> release(JsonObject query) {
    return mongo.find(COLLECTION, query).compose(docs -> {
      if (docs.isEmpty()) {
        return Future.succeededFuture(0L);
      }
      List<Hint> released = docs.stream().map(PendingHints::toHint).toList();
      JsonArray ids = new JsonArray(docs.stream().map(d -> d.getString("_id")).toList());
      return hints.seed(released)
          .compose(added -> mongo.removeDocuments(COLLECTION, new JsonObject().put("_id", new JsonObject().put("$in", ids))))
          .compose(removed -> store.durable())
          .map((long) released.size());
    });
  }

  private static Hint toHint(JsonObject doc) {
    return new Hint("community." + doc.getString("_id"), HintKind.COMMUNITY, Topic.valueOf(doc.getString("topic")),
        Expectation.valueOf(doc.getString("expectation")), null, null, null, doc.getString("language"),
        doc.getString("text"), doc.getString("source"), false);
  }
}
