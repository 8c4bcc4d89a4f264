package dev.kizuna.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.server.testing.TwoNodes;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node B, holding the manager, dies with SIGKILL mid-meeting: the manager's client reconnects to
 * node A (in production the load balancer sends it there), both are back in the room within five
 * seconds, and every memo edit acknowledged before the kill is there.
 */
class NodeFailoverTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static TwoNodes nodes;

  @BeforeAll
  static void start() {
    NodeClient.prewarm(3);
    nodes = TwoNodes.start(TwoNodes.DEFAULT_REDIS);
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  @Test
  @DisplayName("kill -9 of the manager's node: both back in the room on the other node within 5 s, no acknowledged edit lost")
  void theManagersNodeDies() throws Exception {
    Duo duo = nodes.a().duo();
    TwoNodes.Meeting meeting = TwoNodes.meeting(duo);
    String managerCookie = duo.managerApi().cookieHeader();
    try (RoomClient member = nodes.room(nodes.a().port(), meeting.id(), duo.memberApi().cookieHeader());
        NodeClient memberMemo = NodeClient.connect("member", TwoNodes.memoUrl(nodes.a().port(), duo.memberApi()));
        NodeClient managerMemo = NodeClient.connect("manager", TwoNodes.memoUrl(nodes.portB(), duo.managerApi()))) {
      member.join();
      String oldManagerPeer;
      try (RoomClient manager = nodes.room(nodes.portB(), meeting.id(), managerCookie)) {
        oldManagerPeer = manager.join().getString("you");
        member.awaitMessage("peer-joined", m -> m.getJsonObject("peer").getString("id").equals(oldManagerPeer), WAIT);
        memberMemo.find(meeting.memo());
        managerMemo.find(meeting.memo());
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 10; i++) {
          String word = "w" + i + " ";
          managerMemo.type(meeting.memo(), "free", typed.length(), word);
          typed.append(word);
        }
        managerMemo.waitAcknowledged(meeting.memo());
        memberMemo.waitFor(meeting.memo(), "free", typed.toString());

        long killedAt = System.nanoTime();
        nodes.killB();

        // the manager's client reconnects to the surviving node with the same session cookie
        try (RoomClient again = nodes.room(nodes.a().port(), meeting.id(), managerCookie)) {
          JsonObject welcome = again.join();
          String newManagerPeer = welcome.getString("you");
          assertThat(welcome.getJsonArray("peers")).extracting(p -> ((JsonObject) p).getString("role"))
              .containsExactly("MEMBER");
          // the dead node's manager peer is replaced, not left behind as a ghost
          member.awaitMessage("peer-left", m -> m.getString("peerId").equals(oldManagerPeer), WAIT);
          member.awaitMessage("peer-joined", m -> m.getJsonObject("peer").getString("id").equals(newManagerPeer), WAIT);
          long backMillis = (System.nanoTime() - killedAt) / 1_000_000;
          assertThat(backMillis).as("both back in the room, ms after the kill").isLessThan(5_000);

          try (NodeClient managerAgain = NodeClient.connect("manager-again",
              TwoNodes.memoUrl(nodes.a().port(), duo.managerApi()))) {
            assertThat(managerAgain.find(meeting.memo()).getJsonObject("doc").getString("free"))
                .as("every edit acknowledged before the kill").isEqualTo(typed.toString());
            managerAgain.type(meeting.memo(), "free", typed.length(), "after");
            managerAgain.waitAcknowledged(meeting.memo());
            memberMemo.waitFor(meeting.memo(), "free", typed + "after");
          }
        }
      }
    }
  }

}
