package dev.kizuna.server.memo;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.signaling.memo.DocumentId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code memo_documents} collection: which meeting a memo document belongs to, whether it is
 * the shared memo or someone's private notes, and the latest plain-text rendering of a shared
 * memo (for summaries, sharing and search).
 */
public final class MemoDocuments {

  /** Shared memo of the pair, or one participant's private notes. */
  public enum Kind {
    SHARED,
    PRIVATE
  }

  /**
   * @param ownerId the participant for {@link Kind#PRIVATE}, {@code null} for the shared memo
   */
  public record Entry(DocumentId id, String meetingId, Kind kind, String ownerId) {}

  private static final String COLLECTION = "memo_documents";

  private final MongoStore store;
  private final MongoClient mongo;

  public MemoDocuments(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> insert(Entry entry) {
    JsonObject doc = new JsonObject()
        .put("_id", entry.id().toString())
        .put("meetingId", entry.meetingId())
        .put("kind", entry.kind().name())
        .put("schemaVersion", 1);
    if (entry.ownerId() != null) {
      doc.put("ownerId", entry.ownerId());
    }
    return mongo.insert(COLLECTION, doc).compose(r -> store.durable());
  }

  public Future<Optional<Entry>> find(DocumentId id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id.value()), null)
        .map(doc -> Optional.ofNullable(doc).map(d -> new Entry(id, d.getString("meetingId"),
            Kind.valueOf(d.getString("kind")), d.getString("ownerId"))));
  }

  /** Records the plain-text rendering of a shared memo. */
  public Future<Void> updateText(DocumentId id, String text) {
    JsonObject set = new JsonObject().put("text", text).put("textUpdatedAt", MongoDates.toMongo(Instant.now()));
    return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", id.value()), new JsonObject().put("$set", set))
        .mapEmpty();
  }
}
