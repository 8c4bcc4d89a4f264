package dev.kizuna.server.auth;

import dev.kizuna.server.cluster.ClusterEvents;
import dev.kizuna.signaling.CloseCodes;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The sockets each session cookie opened, so that logging out closes them (4401) instead of
 * leaving a room or memo open in another tab. Weak keys: a socket that closed and was dropped
 * by its handlers disappears on its own. With several nodes a logout on one closes the session's
 * sockets on every node ({@link ClusterEvents}).
 */
public final class SessionSockets {

  private static final String LOGOUT_EVENT = "session.logout";
  private final Map<ServerWebSocket, String> sessions = new WeakHashMap<>();
  private final ClusterEvents events;

  /** @param events tells the other nodes of a logout, and hears theirs */
  public SessionSockets(ClusterEvents events) {
    this.events = events;
    events.subscribe(LOGOUT_EVENT, json -> closeHere(json.getString("sessionId", "")));
  }

  /** Remembers that {@code socket} was authenticated by the session {@code sessionId}. */
  public synchronized void track(String sessionId, ServerWebSocket socket) {
    sessions.put(socket, sessionId);
  }

  /** Closes every open socket of {@code sessionId} with 4401, on every node. */
  public void closeAll(String sessionId) {
    events.publish(LOGOUT_EVENT, new JsonObject().put("sessionId", sessionId));
    closeHere(sessionId);
  }

  private void closeHere(String sessionId) {
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
