package dev.kizuna.signaling;

import dev.kizuna.signaling.impl.LocalRoomHub;
import io.vertx.core.Vertx;

/** The in-process hub against the {@link RoomHub} contract. */
class LocalRoomHubTest extends RoomHubContractTest {

  @Override
  protected RoomHub createHub(Vertx vertx) {
    return new LocalRoomHub(vertx);
  }
}
