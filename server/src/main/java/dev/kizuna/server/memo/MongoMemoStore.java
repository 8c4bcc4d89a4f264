package dev.kizuna.server.memo;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.StoredDocument;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link MemoStore} over MongoDB: {@code memo_snapshots} holds one snapshot per document,
 * {@code memo_changes} the change chunks appended since (unique per document and sequence
 * number, so a second writer of the same chunk fails instead of forking the history). Every
 * write completes only once {@link MongoStore#durable()} does.
 */
public final class MongoMemoStore implements MemoStore {

  private static final String SNAPSHOTS = "memo_snapshots";
  private static final String CHANGES = "memo_changes";

  private final MongoStore store;
  private final MongoClient mongo;

  public MongoMemoStore(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(CHANGES, new JsonObject().put("doc", 1).put("seq", 1), new IndexOptions().unique(true));
  }

  @Override
  public Future<Optional<StoredDocument>> load(DocumentId id) {
    return mongo.findOne(SNAPSHOTS, new JsonObject().put("_id", id.value()), null).compose(snapshot -> {
      if (snapshot == null) {
        return Future.succeededFuture(Optional.empty());
      }
      long snapshotSeq = snapshot.getLong("seq");
      JsonObject query = new JsonObject().put("doc", id.value()).put("seq", new JsonObject().put("$gt", snapshotSeq));
      return mongo.findWithOptions(CHANGES, query, new FindOptions().setSort(new JsonObject().put("seq", 1)))
          .map(chunks -> Optional.of(new StoredDocument(bytes(snapshot, "snapshot"), snapshotSeq, chunks.stream()
              .map(c -> new StoredDocument.StoredChanges(c.getLong("seq"), bytes(c, "bytes")))
              .toList())));
    });
  }

  @Override
  public Future<Void> create(DocumentId id, byte[] snapshot) {
    JsonObject doc = new JsonObject()
        .put("_id", id.value())
        .put("seq", 0L)
        .put("snapshot", binary(snapshot))
        .put("updatedAt", MongoDates.toMongo(Instant.now()));
    return mongo.insert(SNAPSHOTS, doc).compose(r -> store.durable());
  }

  @Override
  public Future<Void> appendChanges(DocumentId id, long seq, byte[] changes) {
    JsonObject chunk = new JsonObject()
        .put("_id", id.value() + ":" + seq)
        .put("doc", id.value())
        .put("seq", seq)
        .put("bytes", binary(changes));
    return mongo.insert(CHANGES, chunk).compose(r -> store.durable());
  }

  @Override
  public Future<Void> compact(DocumentId id, byte[] snapshot, long upToSeq) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
        .put("seq", upToSeq)
        .put("snapshot", binary(snapshot))
        .put("updatedAt", MongoDates.toMongo(Instant.now())));
    // Snapshot first, then drop the chunks it includes: a crash in between leaves chunks that
    // load() skips (seq <= snapshot seq), never a snapshot without its later chunks.
    // Only over an older snapshot: two nodes holding the document may compact at nearly the same time.
    JsonObject older = new JsonObject().put("_id", id.value()).put("seq", new JsonObject().put("$lt", upToSeq));
    return mongo.updateCollection(SNAPSHOTS, older, update)
        .compose(r -> r.getDocMatched() == 0
            ? Future.<Void>succeededFuture()
            : store.durable()
                .compose(v -> mongo.removeDocuments(CHANGES,
                    new JsonObject().put("doc", id.value()).put("seq", new JsonObject().put("$lte", upToSeq))))
                .compose(removed -> store.durable()));
  }

  private static JsonObject binary(byte[] bytes) {
    return new JsonObject().put("$binary", bytes);
  }

  private static byte[] bytes(JsonObject doc, String field) {
    return doc.getJsonObject(field).getBinary("$binary");
  }
}
