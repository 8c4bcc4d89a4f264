package dev.kizuna.server.cluster;

import dev.kizuna.server.auth.RedisSessionStore;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.memo.MemoFanout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * What a node shares with the other nodes of its deployment, chosen once at start: the room hub,
 * the session store, the memo fan-out and the cluster events. {@link #single} keeps everything in
 * this process; {@link #redis} shares it through one Redis.
 */
public record Cluster(RoomHub hub, SessionStore sessions, MemoFanout memoFanout, ClusterEvents events) {

  private static final String LOCAL_SESSIONS = "kizuna.sessions";

  /** One node on its own: in-process hub, sessions in this process's memory. */
  public static Cluster single(Vertx vertx) {
    return new Cluster(RoomHub.inProcess(vertx), LocalSessionStore.create(vertx, LOCAL_SESSIONS), MemoFanout.NONE,
        ClusterEvents.SINGLE_NODE);
  }

  /**
   * Nodes sharing {@code redisUrl}: {@code RedisRoomHub}, sessions in Redis, memo chunks and
   * events on Redis channels, all under {@code keyPrefix}.
   */
  public static Cluster redis(Vertx vertx, String redisUrl, String keyPrefix) {
    return new Cluster(RoomHub.redis(vertx, redisUrl, keyPrefix), new RedisSessionStore(vertx, redisUrl, keyPrefix),
        MemoFanout.redis(redisUrl, keyPrefix), ClusterEvents.redis(vertx, redisUrl, keyPrefix));
  }

  /** Closes the connections (after the HTTP verticles and the memo registry stopped). */
  public Future<Void> close() {
    sessions.close();
    return Future.join(hub.close(), memoFanout.close(), events.close()).mapEmpty();
  }
}
