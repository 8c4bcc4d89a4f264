package dev.kizuna.server.pair;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoErrors;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Optional;

/** The {@code pairs} collection; one pair per (manager, member). */
public final class PairRepository {

  private static final String COLLECTION = "pairs";

  private final MongoStore store;
  private final MongoClient mongo;

  public PairRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("managerId", 1).put("memberId", 1),
            new IndexOptions().unique(true))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("memberId", 1)));
  }

  /** Inserts {@code pair}; fails with 409 if the two already form a pair. */
  public Future<Pair> insert(Pair pair) {
    return mongo.insert(COLLECTION, toDocument(pair))
        .recover(e -> MongoErrors.isDuplicateKey(e)
            ? Future.failedFuture(HttpProblem.conflict("these two already form a pair"))
            : Future.failedFuture(e))
        .compose(id -> store.durable())
        .map(pair);
  }

  public Future<Optional<Pair>> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(d -> Optional.ofNullable(d).map(PairRepository::fromDocument));
  }

  public Future<Optional<Pair>> find(String managerId, String memberId) {
    return mongo.findOne(COLLECTION, new JsonObject().put("managerId", managerId).put("memberId", memberId), null)
        .map(d -> Optional.ofNullable(d).map(PairRepository::fromDocument));
  }

  /** Pairs where {@code userId} is member or manager, oldest first. */
  public Future<List<Pair>> forUser(String userId) {
    JsonObject query = new JsonObject().put("$or", new JsonArray()
        .add(new JsonObject().put("managerId", userId))
        .add(new JsonObject().put("memberId", userId)));
    return mongo.findWithOptions(COLLECTION, query, new FindOptions().setSort(new JsonObject().put("createdAt", 1)).setLimit(1000))
        .map(docs -> docs.stream().map(PairRepository::fromDocument).toList());
  }

  private static JsonObject toDocument(Pair pair) {
    return new JsonObject()
        .put("_id", pair.id())
        .put("managerId", pair.managerId())
        .put("memberId", pair.memberId())
        .put("managerName", pair.managerName())
        .put("memberName", pair.memberName())
        .put("kind", pair.kind().name())
        .put("createdAt", MongoDates.toMongo(pair.createdAt()))
        .put("schemaVersion", 1);
  }

  private static Pair fromDocument(JsonObject doc) {
    return new Pair(
        doc.getString("_id"),
        doc.getString("managerId"),
        doc.getString("memberId"),
        doc.getString("managerName"),
        doc.getString("memberName"),
        PairKind.valueOf(doc.getString("kind")),
        MongoDates.fromMongo(doc.getValue("createdAt")));
  }
}
