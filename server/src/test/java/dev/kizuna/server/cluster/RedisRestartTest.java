package dev.kizuna.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.server.testing.TwoNodes;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redis restarts empty under two running nodes: without restarting a node, the room's signals
 * flow again between node A and node B (Lettuce reconnects, the nodes put their peers back) and
 * the memo syncs across again. Runs its own redis-server on a free port (never the shared one).
 */
class RedisRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static int redisPort;
  private static Process redis;
  private static TwoNodes nodes;

  @BeforeAll
  static void start() throws Exception {
    NodeClient.prewarm(2);
    redisPort = Integer.parseInt(KizunaNode.freePort());
    redis = startRedis();
    nodes = TwoNodes.start("redis://127.0.0.1:" + redisPort);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      nodes.close();
    } finally {
      redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("Redis restarts empty: signals and memo sync cross the nodes again without restarting them")
  void fanOutRecoversAfterARedisRestart() throws Exception {
    Duo duo = nodes.a().duo();
    TwoNodes.Meeting meeting = TwoNodes.meeting(duo);
    try (RoomClient member = nodes.room(nodes.a().port(), meeting.id(), duo.memberApi().cookieHeader());
        RoomClient manager = nodes.room(nodes.portB(), meeting.id(), duo.managerApi().cookieHeader());
        NodeClient memberMemo = NodeClient.connect("member", TwoNodes.memoUrl(nodes.a().port(), duo.memberApi()));
        NodeClient managerMemo = NodeClient.connect("manager", TwoNodes.memoUrl(nodes.portB(), duo.managerApi()))) {
      member.join();
      String managerPeer = manager.join().getString("you");
      memberMemo.find(meeting.memo());
      managerMemo.find(meeting.memo());
      memberMemo.type(meeting.memo(), "free", 0, "before ");
      managerMemo.waitFor(meeting.memo(), "free", "before ");

      redis.destroy();
      assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
      redis = startRedis();

      // a signal sent while the nodes are still reconnecting may be refused (unknown-peer) or lost:
      // send again until one arrives
      Await.until("a signal from node A reaches node B", WAIT, () -> {
        member.send(new JsonObject().put("type", "signal").put("to", managerPeer)
            .put("data", new JsonObject().put("sdp", "after-restart")));
        List<JsonObject> got = manager.drain();
        return got.stream().anyMatch(m -> "signal".equals(m.getString("type")));
      }, arrived -> arrived);
      memberMemo.type(meeting.memo(), "free", "before ".length(), "after");
      memberMemo.waitAcknowledged(meeting.memo());
      managerMemo.waitFor(meeting.memo(), "free", "before after");
    }
  }

  private static Process startRedis() throws IOException {
    Process process = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(redisPort),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Await.until("redis-server accepts connections", WAIT, RedisRestartTest::accepts, up -> up);
    return process;
  }

  private static boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
