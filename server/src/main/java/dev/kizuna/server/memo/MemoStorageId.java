package dev.kizuna.server.memo;

import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.UUID;

/**
 * The automerge-repo storage id this database advertises in the server's peer metadata. It is
 * created once per database and kept in the {@code settings} collection, so that browsers with
 * local storage keep their sync state with Kizuna across server restarts and nodes, and resync
 * with a few bytes instead of from scratch.
 */
public final class MemoStorageId {

  private static final String COLLECTION = "settings";
  private static final String KEY = "memo.storageId";

  private MemoStorageId() {}

  /** Returns the database's storage id, creating it (race-free, by upsert) on first use. */
  public static Future<String> load(MongoStore store) {
    JsonObject query = new JsonObject().put("_id", KEY);
    JsonObject setOnInsert = new JsonObject().put("$setOnInsert", new JsonObject().put("value", UUID.randomUUID().toString()));
    return store.client()
        .updateCollectionWithOptions(COLLECTION, query, setOnInsert, new UpdateOptions().setUpsert(true))
        .compose(r -> store.durable())
        .compose(v -> store.client().findOne(COLLECTION, query, null))
        .map(doc -> doc.getString("value"));
  }
}
