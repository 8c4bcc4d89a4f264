package dev.kizuna.server.user;

import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoErrors;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code users} collection. E-mails are stored lower-case under a unique index. */
public final class UserRepository {

  private static final String COLLECTION = "users";

  private final MongoStore store;
  private final MongoClient mongo;

  public UserRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  /** Creates the indexes this repository's queries need. */
  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("email", 1), new IndexOptions().unique(true));
  }

  /**
   * Inserts {@code user} and waits until it is durable.
   *
   * @return the user; fails with a 409 {@link HttpProblem} if the e-mail is taken
   */
  public Future<User> insert(User user) {
    return mongo.insert(COLLECTION, toDocument(user))
        .recover(e -> MongoErrors.isDuplicateKey(e)
            ? Future.failedFuture(HttpProblem.conflict("a user with this e-mail exists"))
            : Future.failedFuture(e))
        .compose(id -> store.durable())
        .map(user);
  }

  /** Replaces the stored password hash of {@code userId}. */
  public Future<Void> updatePasswordHash(String userId, String passwordHash) {
    return mongo.updateCollection(COLLECTION, new JsonObject().put("_id", userId),
            new JsonObject().put("$set", new JsonObject().put("passwordHash", passwordHash)))
        .compose(r -> store.durable());
  }

  public Future<Optional<User>> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null).map(d -> Optional.ofNullable(d).map(UserRepository::fromDocument));
  }

  public Future<Optional<User>> findByEmail(String email) {
    return mongo.findOne(COLLECTION, new JsonObject().put("email", normalise(email)), null)
        .map(d -> Optional.ofNullable(d).map(UserRepository::fromDocument));
  }

  /** Every user holding {@code role} (at most 1000). */
  public Future<java.util.List<User>> withRole(Role role) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("roles", role.name()),
            new io.vertx.ext.mongo.FindOptions().setLimit(1000))
        .map(docs -> docs.stream().map(UserRepository::fromDocument).toList());
  }

  /** The organisation unit of each of {@code ids} that exists ({@code ""} when unset), read in one query. */
  public Future<Map<String, String>> unitsOf(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return mongo.findWithOptions(COLLECTION,
            new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids)))),
            new io.vertx.ext.mongo.FindOptions().setFields(new JsonObject().put("unit", 1)))
        .map(docs -> docs.stream().collect(Collectors.toMap(d -> d.getString("_id"), d -> d.getString("unit", ""))));
  }

  public Future<Long> count() {
    return mongo.count(COLLECTION, new JsonObject());
  }

  /** E-mails compare case-insensitively. */
  public static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }


  private static JsonObject toDocument(User user) {
    return new JsonObject()
        .put("_id", user.id())
        .put("email", normalise(user.email()))
        .put("name", user.name())
        .put("locale", user.locale())
        .put("roles", new JsonArray(user.roles().stream().map(Role::name).sorted().toList()))
        .put("unit", user.unit())
        .put("passwordHash", user.passwordHash())
        .put("createdAt", MongoDates.toMongo(user.createdAt()))
        .put("schemaVersion", 1);
  }

  private static User fromDocument(JsonObject doc) {
    Set<Role> roles = doc.getJsonArray("roles", new JsonArray()).stream()
        .map(r -> Role.valueOf(r.toString()))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new User(
        doc.getString("_id"),
        doc.getString("email"),
        doc.getString("name"),
        doc.getString("locale", "en"),
        roles,
        doc.getString("unit", ""),
        doc.getString("passwordHash"),
        MongoDates.fromMongo(doc.getValue("createdAt")));
  }
}
