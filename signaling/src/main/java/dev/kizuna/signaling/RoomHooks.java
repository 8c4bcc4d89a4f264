package dev.kizuna.signaling;

import io.vertx.core.Future;

/**
 * Lifecycle hooks of a room, in the manner of Hocuspocus extensions: the application plugs in
 * persistence and meeting status here. Every method defaults to a succeeded future.
 */
public interface RoomHooks {

  /** Hooks that do nothing. */
  RoomHooks NONE = new RoomHooks() {};

  /**
   * Called before {@code peer} enters; a failed future refuses the join with an error frame
   * and leaves the room untouched.
   */
  default Future<Void> beforeJoin(String roomId, Peer peer) {
    return Future.succeededFuture();
  }

  /** Called after {@code peer} left (by leave, close or replacement). */
  default Future<Void> afterLeave(String roomId, Peer peer) {
    return Future.succeededFuture();
  }
}
