package dev.kizuna.signaling;

import io.vertx.core.json.JsonObject;

/**
 * Where a {@link RoomHub} delivers what is meant for one peer. Implementations write to the
 * peer's socket; they are called on the event loop that owns the socket's context.
 */
public interface PeerInbox {

  /** Delivers one server-to-client message (already in its wire form). */
  void deliver(JsonObject message);

  /**
   * Tells the peer it must leave the room, e.g. because the same participant connected again
   * (close code 4409).
   *
   * @param closeCode WebSocket close code, 4xxx
   * @param reason short reason for the close frame
   */
  void evict(short closeCode, String reason);
}
