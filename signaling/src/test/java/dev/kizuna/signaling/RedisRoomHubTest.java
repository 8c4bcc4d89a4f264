package dev.kizuna.signaling;

import dev.kizuna.signaling.impl.RedisRoomHub;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** One node of the Redis hub against the {@link RoomHub} contract. */
class RedisRoomHubTest extends RoomHubContractTest {

  private final String prefix = RedisKeys.freshPrefix();

  @Override
  protected RoomHub createHub(Vertx vertx) {
    return new RedisRoomHub(vertx, RedisKeys.URL, prefix, Duration.ofSeconds(15));
  }

  @AfterEach
  void closeHub() {
    await(hub.close());
    RedisKeys.deleteAll(prefix);
  }
}
