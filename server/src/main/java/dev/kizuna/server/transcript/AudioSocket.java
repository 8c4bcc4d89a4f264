package dev.kizuna.server.transcript;

import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.transcription.FrameProblem;
import dev.kizuna.transcription.PcmFrames;
import io.github.bucket4j.Bucket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One participant's audio socket: checks every frame (rate, PCM form, consent) before it may
 * reach a recogniser, and answers what it refuses with an {@code error} frame, each code at
 * most once a second so that a stream of refused frames does not become a stream of errors.
 */
final class AudioSocket {

  /** 20 ms frames make 50 a second; room for jitter bursts. */
  private static final int FRAMES_PER_SECOND = 60;
  private static final int BURST = 120;
  private static final long ERROR_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final ServerWebSocket socket;
  private final RoomTranscription room;
  private final String userId;
  private final ParticipantRole role;
  private final Bucket bucket = Bucket.builder()
      .addLimit(limit -> limit.capacity(BURST).refillGreedy(FRAMES_PER_SECOND, Duration.ofSeconds(1)))
      .build();
  private final Map<String, Long> lastErrorNanos = new HashMap<>();

  AudioSocket(ServerWebSocket socket, RoomTranscription room, String userId, ParticipantRole role) {
    this.socket = socket;
    this.room = room;
    this.userId = userId;
    this.role = role;
  }

  /** Serves the socket; {@code onClose} runs once it closes, after the speaker's last words are flushed. */
  void start(Runnable onClose) {
    socket.binaryMessageHandler(this::onFrame);
    socket.textMessageHandler(text -> error("binary-only",
        "send 16 kHz 16-bit little-endian mono PCM as binary frames"));
    socket.closeHandler(v -> room.leave(userId).onComplete(ar -> onClose.run()));
  }

  private void onFrame(Buffer frame) {
    if (!bucket.tryConsume(1)) {
      error("rate-limited", "too many frames; at most " + FRAMES_PER_SECOND + " a second");
      return;
    }
    byte[] pcm = frame.getBytes();
    Optional<FrameProblem> problem = PcmFrames.check(pcm);
    if (problem.isPresent()) {
      error(problem.get().code(), problem.get().message());
      return;
    }
    switch (room.offer(userId, role, pcm)) {
      case ACCEPTED, DROPPED -> { }
      case NO_CONSENT -> error("no-consent", "transcription needs the consent of both; the audio was not processed");
      case UNAVAILABLE -> error("unavailable", "transcription is unavailable: " + room.state().reason());
      case THROTTLED -> error("rate-limited", "audio arrives faster than real time; the excess was dropped");
    }
  }

  private void error(String code, String message) {
    long now = System.nanoTime();
    Long last = lastErrorNanos.get(code);
    if (last != null && now - last < ERROR_INTERVAL_NANOS) {
      return;
    }
    lastErrorNanos.put(code, now);
    if (!socket.isClosed()) {
      socket.writeTextMessage(new JsonObject().put("type", "error").put("code", code).put("message", message).encode());
    }
  }
}
