package dev.kizuna.server.db;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database lock on the embedded MongoDB-wire server through the official driver: two holders
 * of one name never overlap, a holder that died is overtaken after its lease, and a wait that runs
 * out says so. Two lock objects stand for two nodes sharing the database.
 */
class DatabaseLockTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static DatabaseLock lock(Duration lease) {
    return new DatabaseLock(node.vertx(), node.store(), Clock.systemUTC(), lease);
  }

  @Test
  @DisplayName("a second node waits for the first holder's release, then gets the lock")
  void secondHolderWaitsForTheFirst() {
    String name = "test." + UUID.randomUUID();
    DatabaseLock.Held first = await(lock(Duration.ofSeconds(30)).acquire(name, Duration.ofSeconds(1)));

    Future<DatabaseLock.Held> second = lock(Duration.ofSeconds(30)).acquire(name, Duration.ofSeconds(5));
    node.vertx().setTimer(300, t -> first.release());

    long startedAt = System.nanoTime();
    await(second).release();
    assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  @DisplayName("while the name is held, a wait that runs out fails with LockTimeout and takes nothing")
  void waitRunsOut() {
    String name = "test." + UUID.randomUUID();
    DatabaseLock.Held first = await(lock(Duration.ofSeconds(30)).acquire(name, Duration.ofSeconds(1)));

    Throwable refused = catchThrowable(() -> await(lock(Duration.ofSeconds(30)).acquire(name, Duration.ofMillis(300))));
    assertThat(Stream.iterate(refused, Objects::nonNull, Throwable::getCause))
        .hasAtLeastOneElementOfType(DatabaseLock.LockTimeout.class);

    await(first.release());
    await(lock(Duration.ofSeconds(30)).acquire(name, Duration.ofMillis(300))).release();
  }

  @Test
  @DisplayName("a lease its holder overstayed (a dead node) is broken by the next one; the dead holder's release deletes nothing")
  void expiredLeaseIsBroken() {
    String name = "test." + UUID.randomUUID();
    DatabaseLock.Held dead = await(lock(Duration.ofMillis(200)).acquire(name, Duration.ofSeconds(1)));

    DatabaseLock.Held next = await(lock(Duration.ofSeconds(30)).acquire(name, Duration.ofSeconds(5)));
    await(dead.release());

    JsonObject stored = await(node.store().client().findOne("locks", new JsonObject().put("_id", name), null));
    assertThat(stored).as("the new holder's lease survives the dead one's release").isNotNull();
    assertThat(MongoDates.fromMongo(stored.getValue("expiresAt"))).isAfter(Instant.now().plusSeconds(20));
    await(next.release());
  }
}
