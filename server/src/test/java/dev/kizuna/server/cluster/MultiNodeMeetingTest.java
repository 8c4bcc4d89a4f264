package dev.kizuna.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.AudioStreamer;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.server.testing.TwoNodes;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.NodeClient;
import dev.kizuna.transcription.SpeechClips;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A member on node A and a manager on node B (a child process) of one deployment, sharing Redis
 * and the database, hold a whole meeting: the login of one node counts on the other, presence and
 * signals cross, the memo edited on both converges, the member's words reach the manager, the
 * item hint chosen by the member reaches the manager, and a logout on one node counts on the other.
 */
class MultiNodeMeetingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static TwoNodes nodes;

  @BeforeAll
  static void start() {
    NodeClient.prewarm(2);
    nodes = TwoNodes.start(TwoNodes.DEFAULT_REDIS);
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  @Test
  @DisplayName("member on node A, manager on node B: session, presence, signals, memo, transcript, hints and logout all cross")
  void aMeetingAcrossTwoNodes() {
    Duo duo = nodes.a().duo();
    TwoNodes.Meeting meeting = TwoNodes.meeting(duo);
    String meetingId = meeting.id();
    assertThat(duo.memberApi().put("/api/meetings/" + meetingId + "/agenda", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("topic", "CAREER").put("expectation", "LISTEN")))).statusCode()).isEqualTo(200);
    String sessionId = duo.managerApi().sessionId().orElseThrow();

    // the login made on node A is valid on node B
    Api managerOnB = nodes.a().withSessionCookieOn(nodes.portB(), sessionId);
    assertThat(managerOnB.get("/api/me").bodyAsJsonObject().getString("id")).isEqualTo(duo.manager().id());
    assertThat(nodes.a().anonymousOn(nodes.portB()).get("/api/me").statusCode()).isEqualTo(401);

    try (RoomClient member = nodes.room(nodes.a().port(), meetingId, duo.memberApi().cookieHeader());
        RoomClient manager = nodes.room(nodes.portB(), meetingId, duo.managerApi().cookieHeader())) {
      JsonObject memberWelcome = member.join();
      JsonObject managerWelcome = manager.join();
      String memberPeer = memberWelcome.getString("you");
      String managerPeer = managerWelcome.getString("you");
      assertThat(managerWelcome.getJsonArray("peers")).extracting(p -> ((JsonObject) p).getString("id"))
          .containsExactly(memberPeer);
      member.awaitMessage("peer-joined", m -> m.getJsonObject("peer").getString("id").equals(managerPeer), WAIT);

      member.send(signal(managerPeer, "offer"));
      assertThat(manager.awaitMessage("signal", m -> true, WAIT).getString("from")).isEqualTo(memberPeer);
      manager.send(signal(memberPeer, "answer"));
      assertThat(member.awaitMessage("signal", m -> true, WAIT).getJsonObject("data").getString("sdp"))
          .isEqualTo("answer");

      memoConvergesAcrossNodes(meetingId, meeting.memo(), duo);

      // the member picks the item on node A; the manager's coach on node B sends the item's hints
      member.send(new JsonObject().put("type", "agenda.current").put("index", 0));
      JsonObject hint = manager.awaitMessage("hint", m -> "item".equals(m.getString("kind")), WAIT);
      assertThat(hint.getString("topic")).isEqualTo("CAREER");

      memberWordsReachTheManager(meetingId, duo, member, manager);
      assertThat(member.drain()).as("hints go to the manager only").noneMatch(m -> "hint".equals(m.getString("type")));

      // logging out on node A ends the session on node B too, and closes the manager's socket there
      assertThat(duo.managerApi().delete("/api/session").statusCode()).isEqualTo(204);
      assertThat(manager.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
      assertThat(managerOnB.get("/api/me").statusCode()).isEqualTo(401);
    }
  }

  private static void memoConvergesAcrossNodes(String meetingId, DocumentId memo, Duo duo) {
    try (NodeClient memberMemo = NodeClient.connect("member", TwoNodes.memoUrl(nodes.a().port(), duo.memberApi()));
        NodeClient managerMemo = NodeClient.connect("manager", TwoNodes.memoUrl(nodes.portB(), duo.managerApi()))) {
      memberMemo.find(memo);
      managerMemo.find(memo);
      for (int i = 0; i < 5; i++) {
        memberMemo.type(memo, "free", 0, "m" + i + " ");
        managerMemo.type(memo, "nextTopics", 0, "k" + i + " ");
      }
      memberMemo.waitAcknowledged(memo);
      managerMemo.waitAcknowledged(memo);
      String free = "m4 m3 m2 m1 m0 ";
      String next = "k4 k3 k2 k1 k0 ";
      managerMemo.waitFor(memo, "free", free);
      memberMemo.waitFor(memo, "nextTopics", next);
      assertThat(memberMemo.text(memo, "free")).isEqualTo(managerMemo.text(memo, "free"));
      JsonObject stored = duo.managerApi().get("/api/meetings/" + meetingId + "/memo").bodyAsJsonObject()
          .getJsonObject("document");
      assertThat(stored.getString("free")).isEqualTo(free);
      assertThat(stored.getString("nextTopics")).isEqualTo(next);
    }
  }

  private static void memberWordsReachTheManager(String meetingId, Duo duo, RoomClient member, RoomClient manager) {
    try (RoomClient memberAudio = nodes.a().socketOn(nodes.a().port(), "/ws/rooms/" + meetingId + "/audio",
        Map.of("Cookie", duo.memberApi().cookieHeader()))) {
      member.send(new JsonObject().put("type", "consent").put("transcription", true));
      manager.awaitMessage("consent", m -> m.getJsonObject("consent").getBoolean("MEMBER"), WAIT);
      manager.send(new JsonObject().put("type", "consent").put("transcription", true));
      member.awaitMessage("transcription", m -> "on".equals(m.getString("state")), WAIT);
      CompletableFuture<Void> streamed = AudioStreamer.realTime(memberAudio, SpeechClips.clip("en_jfk_ask_not.wav").pcm());
      JsonObject words = manager.awaitMessage("transcript",
          m -> "MEMBER".equals(m.getString("role")) && m.getBoolean("final") && m.getString("text").contains("country"),
          WAIT);
      assertThat(words.getString("speakerId")).isEqualTo(duo.member().id());
      streamed.join();
    }
  }


  private static JsonObject signal(String to, String sdp) {
    return new JsonObject().put("type", "signal").put("to", to).put("data", new JsonObject().put("sdp", sdp));
  }

}
