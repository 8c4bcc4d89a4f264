package dev.kizuna.server.cue;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.hint.Hint;
import dev.kizuna.server.hint.HintKind;
import dev.kizuna.server.hint.HintLibrary;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.AudioStreamer;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.transcription.SpeechClips;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live hints on a whole node with real speech: the current item's hints and the listening cue
 * reach the manager's socket only, and the manager can mark a hint helpful.
 */
class LiveCuesTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_VOSK_MODEL_EN", SpeechClips.englishModel().toString());

  private static final Duration WAIT = Duration.ofSeconds(40);

  private static RoomClient room(String meetingId, Api api) {
    RoomClient room = node.socket("/ws/rooms/" + meetingId, Map.of("Cookie", api.cookieHeader()));
    room.join();
    return room;
  }

  private static void consent(RoomClient room) {
    room.send(new JsonObject().put("type", "consent").put("transcription", true));
  }

  @Test
  @DisplayName("LISTEN and the manager monologues: the item's hints and the talk-share cue reach the manager only; helpful marks are stored")
  void managerMonologueWhileTheMemberAskedToBeListenedTo() {
    Duo duo = node.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    assertThat(duo.memberApi().put("/api/meetings/" + meetingId + "/agenda", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("topic", "WORK").put("expectation", "ADVICE"))
        .add(new JsonObject().put("topic", "CONDITION").put("expectation", "LISTEN")))).statusCode()).isEqualTo(200);
    List<String> listenHints = HintLibrary.load().stream()
        .filter(h -> h.kind() == HintKind.CELL && h.topic() == Topic.CONDITION && h.expectation() == Expectation.LISTEN
            && h.language().equals("en"))
        .map(Hint::text).toList();

    try (RoomClient member = room(meetingId, duo.memberApi()); RoomClient manager = room(meetingId, duo.managerApi());
        RoomClient managerAudio = node.socket("/ws/rooms/" + meetingId + "/audio",
            Map.of("Cookie", duo.managerApi().cookieHeader()))) {
      member.send(new JsonObject().put("type", "agenda.current").put("index", 1));
      JsonObject itemHint = manager.awaitMessage("hint", m -> "item".equals(m.getString("kind")), WAIT);
      assertThat(itemHint.getString("topic")).isEqualTo("CONDITION");
      assertThat(listenHints).contains(itemHint.getString("text"));

      consent(member);
      consent(manager);
      manager.awaitMessage("transcription", m -> "on".equals(m.getString("state")), WAIT);
      byte[] monologue = Arrays.copyOf(SpeechClips.clip("en_librivox_sonnet001.wav").pcm(), 16_000 * 2 * 45);
      var streamed = AudioStreamer.realTime(managerAudio, monologue);

      JsonObject cue = manager.awaitMessage("hint", m -> "TALK_SHARE".equals(m.getString("cue")), WAIT);
      assertThat(cue.getString("reason")).startsWith("manager-share=");
      assertThat(cue.getString("text")).contains("listen");
      streamed.join();

      assertThat(member.drain()).as("the member's socket never carries a hint")
          .noneMatch(m -> "hint".equals(m.getString("type")));

      String path = "/api/meetings/" + meetingId + "/hints/" + cue.getString("id") + "/helpful";
      assertThat(duo.memberApi().post(path, new JsonObject()).statusCode()).isEqualTo(403);
      var marked = duo.managerApi().post(path, new JsonObject());
      assertThat(marked.statusCode()).as(marked.bodyAsString()).isEqualTo(200);
      assertThat(marked.bodyAsJsonObject().getBoolean("helpful")).isTrue();
      assertThat(duo.managerApi().post("/api/meetings/" + meetingId + "/hints/no-such-hint/helpful", new JsonObject())
          .statusCode()).isEqualTo(404);
    }
  }
}
