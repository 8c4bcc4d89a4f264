package dev.kizuna.server.share;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoErrors;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code shares} collection: every share of every meeting, revoked ones kept for the audit. */
public final class ShareRepository {

  private static final String COLLECTION = "shares";
  /** Most shares one listing returns. */
  static final int LIST_LIMIT = 500;

  private final MongoStore store;
  private final MongoClient mongo;

  public ShareRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("tokenHash", 1))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1).put("createdAt", 1)))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("recipientId", 1).put("createdAt", -1)));
  }

  /** Stores {@code share}; completes once durable. */
  public Future<Share> insert(Share share) {
    return mongo.insert(COLLECTION, toDocument(share)).compose(id -> store.durable()).map(share);
  }

  /**
   * Stores {@code share} unless a share with its id exists (a rule or handover share made again).
   *
   * @return {@code true} if it was stored now
   */
  public Future<Boolean> insertIfAbsent(Share share) {
    JsonObject update = new JsonObject().put("$setOnInsert", toDocument(share));
    return mongo.updateCollectionWithOptions(COLLECTION, new JsonObject().put("_id", share.id()), update,
            new UpdateOptions().setUpsert(true))
        .map(r -> r != null && r.getDocUpsertedId() != null)
        // two racing upserts of one id: the other one stored it
        .recover(e -> MongoErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e))
        .compose(created -> store.durable().map(created));
  }

  public Future<Optional<Share>> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(d -> Optional.ofNullable(d).map(ShareRepository::fromDocument));
  }

  /** The link share whose token hashes to {@code tokenHash}, revoked or expired ones included. */
  public Future<Optional<Share>> findByTokenHash(String tokenHash) {
    return mongo.findOne(COLLECTION, new JsonObject().put("tokenHash", tokenHash), null)
        .map(d -> Optional.ofNullable(d).map(ShareRepository::fromDocument));
  }

  /** A meeting's shares, oldest first. */
  public Future<List<Share>> forMeeting(String meetingId) {
    return find(new JsonObject().put("meetingId", meetingId), 1);
  }

  /** Shares with {@code userId} as the invited user, newest first. */
  public Future<List<Share>> forRecipient(String userId) {
    return find(new JsonObject().put("recipientId", userId), -1);
  }

  private Future<List<Share>> find(JsonObject query, int order) {
    return mongo.findWithOptions(COLLECTION, query,
            new FindOptions().setSort(new JsonObject().put("createdAt", order)).setLimit(LIST_LIMIT))
        .map(docs -> docs.stream().map(ShareRepository::fromDocument).toList());
  }

  /** Marks the share revoked unless it already was; {@code false} if it was. */
  public Future<Boolean> revoke(String id, String by, Instant at) {
    JsonObject filter = new JsonObject().put("_id", id).put("revokedAt", (Object) null);
    JsonObject set = new JsonObject().put("revokedAt", MongoDates.toMongo(at)).put("revokedBy", by);
    return mongo.updateCollection(COLLECTION, filter, new JsonObject().put("$set", set))
        .compose(r -> store.durable().map(r.getDocModified() > 0));
  }

  private static JsonObject toDocument(Share s) {
    return new JsonObject()
        .put("_id", s.id())
        .put("meetingId", s.meetingId())
        .put("pairId", s.pairId())
        .put("kind", s.kind().name())
        .put("source", s.source().name())
        .put("createdBy", s.createdBy())
        .put("recipientId", s.recipientId())
        .put("recipientName", s.recipientName())
        .put("tokenHash", s.tokenHash())
        .put("includeTranscript", s.includeTranscript())
        .put("locale", s.locale())
        .put("createdAt", MongoDates.toMongo(s.createdAt()))
        .put("expiresAt", s.expiresAt() == null ? null : MongoDates.toMongo(s.expiresAt()))
        .put("revokedAt", s.revokedAt() == null ? null : MongoDates.toMongo(s.revokedAt()))
        .put("revokedBy", s.revokedBy())
        .put("schemaVersion", 1);
  }

  private static Share fromDocument(JsonObject d) {
    return new Share(d.getString("_id"), d.getString("meetingId"), d.getString("pairId"),
        ShareKind.valueOf(d.getString("kind")), ShareSource.valueOf(d.getString("source")), d.getString("createdBy"),
        d.getString("recipientId"), d.getString("recipientName"), d.getString("tokenHash"),
        d.getBoolean("includeTranscript", false), d.getString("locale", "en"),
        MongoDates.fromMongo(d.getValue("createdAt")), MongoDates.fromMongo(d.getValue("expiresAt")),
        MongoDates.fromMongo(d.getValue("revokedAt")), d.getString("revokedBy"));
  }
}
