package dev.kizuna.server.auth;

import dev.kizuna.signaling.CloseCodes;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The sockets each session cookie opened, so that logging out closes them (4401) instead of
 * leaving a room or memo open in another tab. Weak keys: a socket that closed and was dropped
 * by its handlers disappears on its own.
 */
public final class SessionSockets {

  private final Map<ServerWebSocket, String> sessions = new WeakHashMap<>();

  /** Remembers that {@code socket} was authenticated by the session {@code sessionId}. */
  public synchronized void track(String sessionId, ServerWebSocket socket) {
    sessions.put(socket, sessionId);
  }

  /** Closes every open socket of {@code sessionId} with 4401. */
  public void closeAll(String sessionId) {
    List<ServerWebSocket> open = new ArrayList<>();
    synchronized (this) {
      sessions.forEach((socket, id) -> {
        if (id.equals(sessionId)) {
          open.add(socket);
        }
      });
      open.forEach(sessions::remove);
    }
    open.stream().filter(s -> !s.isClosed()).forEach(s -> s.close(CloseCodes.UNAUTHENTICATED, "logged out"));
  }
}
