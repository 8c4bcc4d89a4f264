package dev.kizuna.server.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A named lock that holds across the nodes sharing one database: a document in {@code locks} whose
 * {@code _id} is the name, inserted to take the lock (the unique {@code _id} refuses a second holder)
 * and deleted to give it back. A holder that died leaves a lease that others break once it is older
 * than its lease time, so a crash never blocks the name for good.
 */
public final class DatabaseLock {

  private static final String COLLECTION = "locks";
  /** Pause between attempts while the name is held elsewhere. */
  private static final long RETRY_MS = 50;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final Clock clock;
  private final Duration lease;

  /**
   * @param lease how long a holder may keep the lock before others may break it; longer than any
   *     action run under it
   */
  public DatabaseLock(Vertx vertx, MongoStore store, Clock clock, Duration lease) {
    this.vertx = vertx;
    this.mongo = store.client();
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * Takes the lock {@code name}, waiting up to {@code wait}.
   *
   * @return the release action; fails with {@link LockTimeout} when the name stayed held for {@code wait}
   */
  public Future<Held> acquire(String name, Duration wait) {
    String owner = UUID.randomUUID().toString();
    long deadline = clock.millis() + wait.toMillis();
    Promise<Held> held = Promise.promise();
    attempt(name, owner, deadline, held);
    return held.future();
  }

  private void attempt(String name, String owner, long deadline, Promise<Held> held) {
    long now = clock.millis();
    JsonObject lock = new JsonObject().put("_id", name).put("owner", owner)
        .put("expiresAt", MongoDates.toMongo(Instant.ofEpochMilli(now + lease.toMillis())));
    mongo.insert(COLLECTION, lock)
        .onSuccess(id -> held.complete(() -> mongo.removeDocument(COLLECTION,
            new JsonObject().put("_id", name).put("owner", owner)).mapEmpty()))
        .onFailure(e -> {
          if (!MongoErrors.isDuplicateKey(e)) {
            held.fail(e);
          } else if (clock.millis() >= deadline) {
            held.fail(new LockTimeout(name));
          } else {
            breakExpired(name).onComplete(v -> vertx.setTimer(RETRY_MS, t -> attempt(name, owner, deadline, held)));
          }
        });
  }

  /** Deletes the lease of {@code name} if its holder overstayed it. */
  private Future<Void> breakExpired(String name) {
    JsonObject expired = new JsonObject().put("_id", name)
        .put("expiresAt", new JsonObject().put("$lt", MongoDates.toMongo(clock.instant())));
    return mongo.removeDocument(COLLECTION, expired).mapEmpty();
  }

  /** A taken lock. */
  @FunctionalInterface
  public interface Held {
    /** Gives the lock back (only this holder's lease is deleted). */
    Future<Void> release();
  }

  /** The name stayed held by someone else for the whole wait. */
  public static final class LockTimeout extends RuntimeException {
    LockTimeout(String name) {
      super("lock " + name + " is held elsewhere", null, false, false);
    }
  }
}
