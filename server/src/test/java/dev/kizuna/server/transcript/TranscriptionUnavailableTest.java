package dev.kizuna.server.transcript;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.AudioStreamer;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A meeting whose language has no usable model: the model download (from a local mirror that
 * serves the wrong file) fails its checksum, the room says "unavailable" with the reason, audio is
 * refused, and the call itself goes on.
 */
class TranscriptionUnavailableTest {

  private static final AtomicInteger DOWNLOADS = new AtomicInteger();
  private static final HttpServer MIRROR = mirror();

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_VOSK_MODEL_URL_JA",
          "http://127.0.0.1:" + MIRROR.getAddress().getPort() + "/models/vosk-model-small-ja-0.22.zip")
      .with("KIZUNA_VOSK_MODEL_CHECKSUM_JA", "sha-256:" + HexFormat.of().formatHex(new byte[32]));

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Serves a few bytes that are not the model (as a wrong or truncated mirror file would). */
  private static HttpServer mirror() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/models/", exchange -> {
        DOWNLOADS.incrementAndGet();
        byte[] body = "not a speech model".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopMirror() {
    MIRROR.stop(0);
  }

  private static void consent(RoomClient room) {
    room.send(new JsonObject().put("type", "consent").put("transcription", true));
  }

  @Test
  @DisplayName("a Japanese meeting whose model download fails its checksum: the room shows 'unavailable' with the reason, audio is refused, signalling goes on")
  void unavailableWithTheReasonWhileTheCallGoesOn() {
    Duo duo = node.duo("ja");
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    try (RoomClient member = node.room(meetingId, duo.memberApi()); RoomClient manager = node.room(meetingId, duo.managerApi());
        RoomClient memberAudio = audio(meetingId, duo.memberApi())) {
      member.join();
      String managerPeer = manager.join().getString("you");
      consent(member);
      consent(manager);

      JsonObject unavailable = manager.awaitMessage("transcription", m -> "unavailable".equals(m.getString("state")), WAIT);
      assertThat(unavailable.getString("reason")).contains("checksum").contains("'ja'");
      member.awaitMessage("transcription", m -> "unavailable".equals(m.getString("state")), WAIT);
      assertThat(DOWNLOADS.get()).as("one download attempt").isEqualTo(1);

      memberAudio.sendBinary(new byte[AudioStreamer.FRAME_BYTES]);
      assertThat(memberAudio.awaitMessage("error", m -> "unavailable".equals(m.getString("code")), WAIT)
          .getString("message")).contains("checksum");

      member.send(new JsonObject().put("type", "signal").put("to", managerPeer)
          .put("data", new JsonObject().put("sdp", "v=0")));
      assertThat(manager.awaitMessage("signal", m -> true, WAIT).getJsonObject("data").getString("sdp")).isEqualTo("v=0");

      try (RoomClient late = node.room(meetingId, duo.memberApi())) {
        JsonObject welcome = late.join();
        assertThat(welcome.getJsonObject("transcription").getString("state"))
            .as("a rejoining participant learns the state from welcome").isEqualTo("unavailable");
      }
    }
  }

  private RoomClient audio(String meetingId, Api api) {
    return node.socket("/ws/rooms/" + meetingId + "/audio", Map.of("Cookie", api.cookieHeader()));
  }
}
