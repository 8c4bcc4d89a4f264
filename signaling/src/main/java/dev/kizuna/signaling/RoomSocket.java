package dev.kizuna.signaling;

import dev.kizuna.signaling.impl.RoomSocketImpl;
import io.vertx.core.http.ServerWebSocket;

/**
 * Serves the room protocol of docs/PROTOCOL.md on one authenticated WebSocket: join/welcome,
 * presence, signal relay, agenda.current, consent, leave. Every client message is validated
 * (size, rate, JSON, type, fields); a bad one gets an {@code error} frame and changes nothing.
 */
public interface RoomSocket {

  /**
   * Starts serving {@code socket} for {@code session}. Returns at once; the socket lives until
   * it closes, leaves, is replaced (4409) or the meeting ends (4410).
   */
  static void serve(ServerWebSocket socket, RoomSession session, RoomHub hub, RoomHooks hooks, RoomLimits limits) {
    new RoomSocketImpl(socket, session, hub, hooks, limits).start();
  }
}
