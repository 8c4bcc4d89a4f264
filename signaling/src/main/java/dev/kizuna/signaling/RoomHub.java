package dev.kizuna.signaling;

import dev.kizuna.signaling.impl.LocalRoomHub;
import dev.kizuna.signaling.impl.RedisRoomHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Presence and fan-out for rooms. Handlers talk only to this interface, so a cross-node
 * implementation (Redis pub/sub) can replace the in-process one without touching them.
 *
 * <p>Ordering: messages from one peer to another are delivered in the order they were sent.
 * {@code peer-joined} reaches the peers already present before {@link #enter} completes, so the
 * newcomer's first signal never overtakes it.
 */
public interface RoomHub {

  /** The in-process hub: one node, rooms in memory. */
  static RoomHub inProcess(Vertx vertx) {
    return new LocalRoomHub(vertx);
  }

  /**
   * A hub shared by every node connected to the same Redis ({@code redis://host:port}), so the
   * peers of one room may sit on different nodes. A node's peers leave their rooms about 15
   * seconds after the node stops.
   */
  static RoomHub redis(Vertx vertx, String redisUrl) {
    return redis(vertx, redisUrl, "kizuna");
  }

  /** As {@link #redis(Vertx, String)}, with every key and channel under {@code keyPrefix}. */
  static RoomHub redis(Vertx vertx, String redisUrl, String keyPrefix) {
    return new RedisRoomHub(vertx, redisUrl, keyPrefix, Duration.ofSeconds(15));
  }

  /**
   * Adds {@code peer} to the room. An older connection of the same participant ({@code userId})
   * is evicted with close code 4409 and announced as {@code peer-left}; then the peers present
   * get {@code peer-joined}.
   *
   * @return the peers present before {@code peer} entered, {@code peer} excluded
   */
  Future<List<Peer>> enter(String roomId, Peer peer, PeerInbox inbox);

  /** Removes the peer, if present, and announces {@code peer-left} to the others. */
  Future<Void> exit(String roomId, String peerId);

  /**
   * Sends {@code message} to one peer of the room.
   *
   * @return {@code true} if the peer is in the room, {@code false} if unknown
   */
  Future<Boolean> sendTo(String roomId, String peerId, JsonObject message);

  /** Sends {@code message} to every peer of the room except {@code exceptPeerId} (may be null). */
  Future<Void> broadcast(String roomId, JsonObject message, String exceptPeerId);

  /** The room's current state ({@link RoomState#EMPTY} for a room never used). */
  Future<RoomState> state(String roomId);

  /** Atomically replaces the room's state with {@code update(current)} and returns it. */
  Future<RoomState> updateState(String roomId, UnaryOperator<RoomState> update);

  /** The peers in the room now. */
  Future<List<Peer>> peers(String roomId);

  /** Releases what the hub holds (connections, timers); the in-process hub holds nothing. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
