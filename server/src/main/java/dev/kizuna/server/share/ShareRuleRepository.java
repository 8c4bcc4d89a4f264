package dev.kizuna.server.share;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/** The {@code share_rules} collection, one rule per (pair, recipient): {@code _id = pairId:recipientId}. */
public final class ShareRuleRepository {

  private static final String COLLECTION = "share_rules";

  private final MongoStore store;
  private final MongoClient mongo;

  public ShareRuleRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("pairId", 1));
  }

  /** Sets the pair's rule for the rule's recipient (replacing an earlier one). */
  public Future<Void> put(ShareRule rule) {
    JsonObject doc = new JsonObject()
        .put("pairId", rule.pairId())
        .put("recipientId", rule.recipientId())
        .put("recipientName", rule.recipientName())
        .put("includeTranscript", rule.includeTranscript())
        .put("createdBy", rule.createdBy())
        .put("createdAt", MongoDates.toMongo(rule.createdAt()))
        .put("schemaVersion", 1);
    return mongo.replaceDocumentsWithOptions(COLLECTION, new JsonObject().put("_id", id(rule.pairId(), rule.recipientId())),
            doc, new UpdateOptions().setUpsert(true))
        .compose(r -> store.durable());
  }

  /** The pair's rules, oldest first. */
  public Future<List<ShareRule>> forPair(String pairId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("pairId", pairId),
            new FindOptions().setSort(new JsonObject().put("createdAt", 1)))
        .map(docs -> docs.stream().map(d -> new ShareRule(d.getString("pairId"), d.getString("recipientId"),
            d.getString("recipientName"), d.getBoolean("includeTranscript", false), d.getString("createdBy"),
            MongoDates.fromMongo(d.getValue("createdAt")))).toList());
  }

  /** Removes the pair's rule for {@code recipientId}; {@code false} if there was none. */
  public Future<Boolean> delete(String pairId, String recipientId) {
    return mongo.removeDocument(COLLECTION, new JsonObject().put("_id", id(pairId, recipientId)))
        .compose(r -> store.durable().map(r != null && r.getRemovedCount() > 0));
  }

  private static String id(String pairId, String recipientId) {
    return pairId + ":" + recipientId;
  }
}
