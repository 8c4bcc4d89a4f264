package dev.kizuna.server.transcript;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.AudioStreamer;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.transcription.SpeechClips;
import dev.kizuna.transcription.WordErrorRate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audio socket on a whole node with the real Vosk engine and real speech: who may send,
 * which frames are refused, consent as the gate, and two speakers at once attributed right.
 */
class AudioSocketTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_VOSK_MODEL_EN", SpeechClips.englishModel().toString());

  private static final Duration SPEECH = Duration.ofSeconds(30);

  private Duo duo;
  private String meetingId;

  @BeforeEach
  void plannedMeeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  private RoomClient room(Api api) {
    RoomClient room = node.socket("/ws/rooms/" + meetingId, Map.of("Cookie", api.cookieHeader()));
    room.join();
    return room;
  }

  private RoomClient audio(Api api) {
    return node.socket("/ws/rooms/" + meetingId + "/audio", Map.of("Cookie", api.cookieHeader()));
  }

  private static void consent(RoomClient room, boolean given) {
    room.send(new JsonObject().put("type", "consent").put("transcription", given));
  }

  private static JsonObject error(RoomClient socket, String code) {
    return socket.awaitMessage("error", m -> code.equals(m.getString("code")), Duration.ofSeconds(5));
  }

  private JsonObject transcript() {
    var response = duo.memberApi().get("/api/meetings/" + meetingId + "/transcript");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static String textOf(JsonArray segments, String role) {
    return segments.stream().map(JsonObject.class::cast).filter(s -> role.equals(s.getString("role")))
        .map(s -> s.getString("text")).collect(Collectors.joining(" "));
  }

  @Test
  @DisplayName("audio is refused until both consent, bad frames get their error, and nothing is transcribed")
  void refusals() {
    try (RoomClient memberRoom = room(duo.memberApi()); RoomClient managerRoom = room(duo.managerApi());
        RoomClient memberAudio = audio(duo.memberApi())) {
      byte[] speech = Arrays.copyOf(SpeechClips.clip("en_jfk_ask_not.wav").pcm(), AudioStreamer.FRAME_BYTES * 30);
      memberAudio.sendBinary(Arrays.copyOf(speech, AudioStreamer.FRAME_BYTES));
      assertThat(error(memberAudio, "no-consent").getString("message")).contains("consent");

      consent(memberRoom, true);
      managerRoom.awaitMessage("consent", m -> m.getJsonObject("consent").getBoolean("MEMBER"), SPEECH);
      CompletableFuture<Void> streamed = AudioStreamer.realTime(memberAudio, speech);
      error(memberAudio, "no-consent");
      streamed.join();

      memberAudio.sendBinary(new byte[3_201]);
      error(memberAudio, "odd-length");
      memberAudio.sendBinary(new byte[16_002]);
      error(memberAudio, "bad-frame-size");
      byte[] wav = Arrays.copyOf("RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1), 3_200);
      memberAudio.sendBinary(wav);
      error(memberAudio, "not-pcm");
      memberAudio.send(new JsonObject().put("type", "hello"));
      error(memberAudio, "binary-only");
    }
    JsonObject transcript = transcript();
    assertThat(transcript.getJsonArray("segments")).isEmpty();
    assertThat(transcript.getJsonArray("consents")).singleElement()
        .satisfies(c -> assertThat(((JsonObject) c).getString("role")).isEqualTo("MEMBER"));
  }

  @Test
  @DisplayName("only the pair opens the audio socket (4401 without a login, 4403 for others, 4404 unknown meeting)")
  void admission() {
    Api outsider = node.login(node.createUser("Outsider Ota", "MEMBER"));
    try (RoomClient anonymous = node.socket("/ws/rooms/" + meetingId + "/audio", Map.of());
        RoomClient stranger = node.socket("/ws/rooms/" + meetingId + "/audio", Map.of("Cookie", outsider.cookieHeader()));
        RoomClient unknown = node.socket("/ws/rooms/no-such-meeting/audio", Map.of("Cookie", duo.memberApi().cookieHeader()))) {
      assertThat(anonymous.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
      assertThat(stranger.awaitClose()).isEqualTo(CloseCodes.FORBIDDEN);
      assertThat(unknown.awaitClose()).isEqualTo(CloseCodes.NOT_FOUND);
    }
  }

  @Test
  @DisplayName("two speakers at once: both see each other's words live, and every stored segment carries the right speaker")
  void twoSpeakersAtOnce() {
    SpeechClips.Clip jfk = SpeechClips.clip("en_jfk_ask_not.wav");
    SpeechClips.Clip quilter = SpeechClips.clip("en_picovoice_test_mr_quilter.wav");
    try (RoomClient memberRoom = room(duo.memberApi()); RoomClient managerRoom = room(duo.managerApi());
        RoomClient memberAudio = audio(duo.memberApi()); RoomClient managerAudio = audio(duo.managerApi())) {
      consent(memberRoom, true);
      // the record's order is the order the server took the consents in: let the member's land first
      managerRoom.awaitMessage("consent", m -> m.getJsonObject("consent").getBoolean("MEMBER"), SPEECH);
      consent(managerRoom, true);
      memberRoom.awaitMessage("transcription", m -> "on".equals(m.getString("state")), SPEECH);

      CompletableFuture<Void> member = AudioStreamer.realTime(memberAudio, jfk.pcm());
      CompletableFuture<Void> manager = AudioStreamer.realTime(managerAudio, quilter.pcm());

      JsonObject live = managerRoom.awaitMessage("transcript",
          m -> "MEMBER".equals(m.getString("role")) && m.getString("text").contains("country"), SPEECH);
      assertThat(live.getString("speakerId")).isEqualTo(duo.memberApi().userId());
      member.join();
      manager.join();
      // withdrawing consent pauses transcription: both streams flush their last words
      consent(managerRoom, false);
      memberRoom.awaitMessage("transcription", m -> "off".equals(m.getString("state")), SPEECH);
      memberRoom.awaitMessage("transcript", m -> "MANAGER".equals(m.getString("role")) && m.getBoolean("final"), SPEECH);
      managerRoom.awaitMessage("transcript",
          m -> "MEMBER".equals(m.getString("role")) && m.getBoolean("final") && m.getString("text").endsWith("country"), SPEECH);
    }

    JsonObject transcript = transcript();
    JsonArray segments = transcript.getJsonArray("segments");
    assertThat(segments).allSatisfy(o -> {
      JsonObject s = (JsonObject) o;
      String expectedSpeaker = "MEMBER".equals(s.getString("role")) ? duo.memberApi().userId() : duo.managerApi().userId();
      assertThat(s.getString("speakerId")).isEqualTo(expectedSpeaker);
      assertThat(s.getLong("endMs")).isGreaterThanOrEqualTo(s.getLong("startMs"));
      assertThat(s.getJsonArray("words")).isNotEmpty();
    });
    assertThat(WordErrorRate.of(jfk.reference(), textOf(segments, "MEMBER"))).isLessThan(0.2);
    assertThat(WordErrorRate.of(quilter.reference(), textOf(segments, "MANAGER"))).isLessThan(0.3);
    List<JsonObject> consents = transcript.getJsonArray("consents").stream().map(JsonObject.class::cast).toList();
    assertThat(consents).extracting(c -> c.getString("role") + "=" + c.getBoolean("transcription"))
        .containsExactly("MEMBER=true", "MANAGER=true", "MANAGER=false");
    Instant bothConsented = Instant.parse(consents.get(1).getString("at"));
    Instant started = Instant.parse(duo.memberApi().get("/api/meetings/" + meetingId).bodyAsJsonObject().getString("startedAt"));
    assertThat(segments).as("nothing from before both consented").allSatisfy(o ->
        assertThat(started.plusMillis(((JsonObject) o).getLong("startMs"))).isAfterOrEqualTo(bothConsented.minusMillis(5)));
  }
}
