package dev.kizuna.server.media;

import dev.kizuna.server.media.colibri2.Colibri2Client;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import io.vertx.core.Vertx;

/**
 * The room hooks that carry out the configured media mode: none for P2P (the room relays the
 * pair's signals), {@link BridgeMedia} for {@code bridge} and {@code auto}.
 */
public final class RoomMedia {

  private RoomMedia() {}

  /** The hooks for {@code settings}; the bridge client is created only when a bridge is used. */
  public static RoomHooks hooks(Vertx vertx, MediaSettings settings, RoomHub hub) {
    return switch (settings.mode()) {
      case P2P -> RoomHooks.NONE;
      case BRIDGE -> new BridgeMedia(hub, client(vertx, settings), BridgeCodecs.DEFAULT, SwitchRule.ALWAYS);
      case AUTO -> new BridgeMedia(hub, client(vertx, settings), BridgeCodecs.DEFAULT, SwitchRule.AUTO);
    };
  }

  private static Colibri2Client client(Vertx vertx, MediaSettings settings) {
    return Colibri2Client.create(vertx, settings.jvbUrl().orElseThrow(), settings.timeout());
  }
}
