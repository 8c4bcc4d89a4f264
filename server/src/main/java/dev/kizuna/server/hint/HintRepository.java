package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hints} collection: one document per hint and language, {@code _id} =
 * {@code key:language}. The shipped library is seeded with insert-if-absent, so a restart adds
 * nothing twice and never overwrites an admin's edit.
 */
public final class HintRepository {

  private static final String COLLECTION = "hints";
  /** Library order: kind, then topic, expectation, band, time, key. */
  private static final JsonObject ORDER = new JsonObject().put("kind", 1).put("topic", 1).put("expectation", 1)
      .put("stageFrom", 1).put("time", 1).put("key", 1);

  private final MongoStore store;
  private final MongoClient mongo;

  public HintRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("kind", 1).put("topic", 1).put("expectation", 1)
        .put("language", 1));
  }

  /** Inserts the hints that are not stored yet; returns how many were new. */
  public Future<Long> seed(Collection<Hint> hints) {
    if (hints.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    Instant now = Instant.now();
    List<BulkOperation> upserts = hints.stream()
        .map(h -> BulkOperation.createUpdate(new JsonObject().put("_id", h.id()),
            new JsonObject().put("$setOnInsert", document(h, now)), true, false))
        .toList();
    return mongo.bulkWrite(COLLECTION, upserts)
        .compose(result -> store.durable().map((long) result.getUpserts().size()));
  }

  /**
   * Hints matching every given criterion ({@code null} matches anything), in library order.
   */
  public Future<List<Hint>> find(HintKind kind, Topic topic, Expectation expectation, String language) {
    JsonObject query = new JsonObject();
    if (kind != null) {
      query.put("kind", kind.name());
    }
    if (topic != null) {
      query.put("topic", topic.name());
    }
    if (expectation != null) {
      query.put("expectation", expectation.name());
    }
    if (language != null) {
      query.put("language", language);
    }
    return findSorted(query);
  }

  /** Cell hints of {@code cells} ({@code [topic, expectation]} pairs) in {@code language}. */
  public Future<List<Hint>> forCells(Collection<List<String>> cells, String language) {
    return ofKindForCells(HintKind.CELL, cells, language);
  }

  /** Released COMMUNITY hints of {@code cells} ({@code [topic, expectation]} pairs) in {@code language}. */
  public Future<List<Hint>> communityForCells(Collection<List<String>> cells, String language) {
    return ofKindForCells(HintKind.COMMUNITY, cells, language);
  }

  private Future<List<Hint>> ofKindForCells(HintKind kind, Collection<List<String>> cells, String language) {
    if (cells.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonArray anyCell = new JsonArray(cells.stream()
        .map(c -> new JsonObject().put("topic", c.get(0)).put("expectation", c.get(1))).toList());
    return findSorted(new JsonObject().put("kind", kind.name()).put("language", language).put("$or", anyCell));
  }

  /** Icebreakers of {@code topics} in {@code language}. */
  public Future<List<Hint>> icebreakers(Collection<Topic> topics, String language) {
    if (topics.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return findSorted(new JsonObject().put("kind", HintKind.ICEBREAKER.name()).put("language", language)
        .put("topic", new JsonObject().put("$in", new JsonArray(topics.stream().map(Topic::name).toList()))));
  }

  public Future<Optional<Hint>> findById(String key, String language) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", key + ":" + language), null)
        .map(doc -> Optional.ofNullable(doc).map(Hint::fromJson));
  }

  /** Adds a hint; fails if its key and language exist already. */
  public Future<Hint> insert(Hint hint) {
    return mongo.insert(COLLECTION, document(hint, Instant.now())).compose(id -> store.durable()).map(hint);
  }

  /** Stores an admin's edit of a hint; completes once durable. */
  public Future<Hint> replace(Hint hint) {
    return mongo.findOneAndReplace(COLLECTION, new JsonObject().put("_id", hint.id()), document(hint, Instant.now()))
        .compose(old -> store.durable()).map(hint);
  }

  private Future<List<Hint>> findSorted(JsonObject query) {
    return mongo.findWithOptions(COLLECTION, query, new FindOptions().setSort(ORDER))
        .map(docs -> docs.stream().map(Hint::fromJson).toList());
  }

  private static JsonObject document(Hint hint, Instant updatedAt) {
    return hint.toJson().put("_id", hint.id()).put("updatedAt", MongoDates.toMongo(updatedAt)).put("schemaVersion", 1);
  }
}
