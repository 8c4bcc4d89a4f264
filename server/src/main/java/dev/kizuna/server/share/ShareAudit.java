package dev.kizuna.server.share;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/** The {@code share_views} collection: the audit log of every reading of a share, which the pair sees. */
public final class ShareAudit {

  private static final String COLLECTION = "share_views";
  /** Most views one listing returns (newest kept). */
  static final int LIST_LIMIT = 1000;

  private final MongoStore store;
  private final MongoClient mongo;

  public ShareAudit(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1).put("at", -1));
  }

  /** Appends {@code view}; completes once durable, so no reading goes unrecorded. */
  public Future<Void> append(ShareView view) {
    JsonObject doc = new JsonObject()
        .put("_id", Ids.next())
        .put("shareId", view.shareId())
        .put("meetingId", view.meetingId())
        .put("at", MongoDates.toMongo(view.at()))
        .put("viewerId", view.viewerId())
        .put("viewerName", view.viewerName())
        .put("addressHash", view.addressHash())
        .put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable());
  }

  /** The readings of a meeting's shares, newest first. */
  public Future<List<ShareView>> forMeeting(String meetingId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("meetingId", meetingId),
            new FindOptions().setSort(new JsonObject().put("at", -1)).setLimit(LIST_LIMIT))
        .map(docs -> docs.stream().map(d -> new ShareView(d.getString("shareId"), d.getString("meetingId"),
            MongoDates.fromMongo(d.getValue("at")), d.getString("viewerId"), d.getString("viewerName"),
            d.getString("addressHash"))).toList());
  }
}
