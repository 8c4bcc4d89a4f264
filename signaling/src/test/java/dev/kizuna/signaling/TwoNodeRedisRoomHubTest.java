package dev.kizuna.signaling;

import dev.kizuna.signaling.impl.RedisRoomHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * Two nodes of the Redis hub, seen as one hub, against the {@link RoomHub} contract: each thread
 * (event loop, or the test's own) talks to one node, the threads alternating between the nodes,
 * so the peers of a room sit on both and are entered, addressed and updated from both.
 */
class TwoNodeRedisRoomHubTest extends RoomHubContractTest {

  private final String prefix = RedisKeys.freshPrefix();

  @Override
  protected RoomHub createHub(Vertx vertx) {
    Duration nodeTtl = Duration.ofSeconds(15);
    return new TwoNodes(new RedisRoomHub(vertx, RedisKeys.URL, prefix, nodeTtl),
        new RedisRoomHub(vertx, RedisKeys.URL, prefix, nodeTtl));
  }

  @AfterEach
  void closeHub() {
    await(hub.close());
    RedisKeys.deleteAll(prefix);
  }

  /** Routes each call to the node of the calling thread. */
  private static final class TwoNodes implements RoomHub {
    private final List<RoomHub> nodes;
    private final Map<Thread, RoomHub> byThread = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    TwoNodes(RoomHub first, RoomHub second) {
      nodes = List.of(first, second);
    }

    private RoomHub node() {
      return byThread.computeIfAbsent(Thread.currentThread(), t -> nodes.get(next.getAndIncrement() % 2));
    }

    @Override
    public Future<List<Peer>> enter(String roomId, Peer peer, PeerInbox inbox) {
      return node().enter(roomId, peer, inbox);
    }

    @Override
    public Future<Void> exit(String roomId, String peerId) {
      return node().exit(roomId, peerId);
    }

    @Override
    public Future<Boolean> sendTo(String roomId, String peerId, JsonObject message) {
      return node().sendTo(roomId, peerId, message);
    }

    @Override
    public Future<Void> broadcast(String roomId, JsonObject message, String exceptPeerId) {
      return node().broadcast(roomId, message, exceptPeerId);
    }

    @Override
    public Future<RoomState> state(String roomId) {
      return node().state(roomId);
    }

    @Override
    public Future<RoomState> updateState(String roomId, UnaryOperator<RoomState> update) {
      return node().updateState(roomId, update);
    }

    @Override
    public Future<List<Peer>> peers(String roomId) {
      return node().peers(roomId);
    }

    @Override
    public Future<Void> close() {
      return Future.all(nodes.get(0).close(), nodes.get(1).close()).mapEmpty();
    }
  }
}
