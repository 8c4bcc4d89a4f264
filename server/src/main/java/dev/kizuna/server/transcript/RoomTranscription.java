package dev.kizuna.server.transcript;

import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.transcription.FinalSegment;
import dev.kizuna.transcription.PartialResult;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.StreamHealth;
import dev.kizuna.transcription.TranscriptListener;
import dev.kizuna.transcription.Transcriber;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transcription of one live room: whether everyone consents, one {@link SpeakerChannel} per
 * participant, and the results on their way to the room and to storage. Audio is refused
 * (never queued) whenever consent is missing, so nothing is processed before both agreed or
 * while either paused.
 */
final class RoomTranscription {

  private static final Logger LOG = LoggerFactory.getLogger(RoomTranscription.class);

  private final String roomId;
  private final Instant startedAt;
  private final String language;
  private final Transcriber transcriber;
  private final RoomHub hub;
  private final TranscriptRepository segments;
  private final Clock clock;
  private final TranscriptObserver observer;
  private final Map<String, SpeakerChannel> speakers = new ConcurrentHashMap<>();
  private final Map<ParticipantRole, Boolean> consents = new EnumMap<>(ParticipantRole.class);
  private volatile boolean everyoneConsents;
  private volatile TranscriptionState state = TranscriptionState.OFF;

  /**
   * @param startedAt the meeting's start; segment times count from here
   * @param language the meeting's language code ({@code en}, {@code ja})
   * @param observer hears each final segment once it is stored
   */
  RoomTranscription(String roomId, Instant startedAt, String language, Transcriber transcriber, RoomHub hub,
      TranscriptRepository segments, Clock clock, TranscriptObserver observer) {
    this.roomId = roomId;
    this.startedAt = startedAt;
    this.language = language;
    this.transcriber = transcriber;
    this.hub = hub;
    this.segments = segments;
    this.clock = clock;
    this.observer = observer;
  }

  TranscriptionState state() {
    return state;
  }

  /**
   * Applies one side's consent. Each side's latest answer is kept here, so that hooks of both
   * sides finishing in either order end in the right state. Everyone consenting loads the model
   * (once per language); anyone withdrawing flushes and closes every stream.
   */
  void consent(ParticipantRole role, boolean given) {
    boolean everyone;
    synchronized (consents) {
      consents.put(role, given);
      everyone = consents.size() == ParticipantRole.PAIR.size() && !consents.containsValue(false);
      if (everyone == everyoneConsents) {
        return;
      }
      everyoneConsents = everyone;
    }
    if (!everyone) {
      speakers.values().forEach(SpeakerChannel::close);
      announce(TranscriptionState.OFF);
      return;
    }
    transcriber.prepare(language)
        .onSuccess(v -> {
          if (everyoneConsents) {
            announce(TranscriptionState.ON);
          }
        })
        .onFailure(e -> announce(TranscriptionState.unavailable(e.getMessage())));
  }

  /** Routes one validated frame of {@code userId}'s microphone. */
  FrameOutcome offer(String userId, ParticipantRole role, byte[] pcm) {
    if (!everyoneConsents) {
      return FrameOutcome.NO_CONSENT;
    }
    if ("unavailable".equals(state.state())) {
      return FrameOutcome.UNAVAILABLE;
    }
    return speakers.computeIfAbsent(userId, id -> new SpeakerChannel(id, role, this::openStream, listener(userId, role)))
        .offer(pcm);
  }

  /** The participant left: its last words are flushed. */
  Future<Void> leave(String userId) {
    SpeakerChannel channel = speakers.remove(userId);
    return channel == null ? Future.succeededFuture() : channel.close();
  }

  private Future<SpeakerStream> openStream(TranscriptListener listener) {
    long offsetMs = Math.max(0, Duration.between(startedAt, clock.instant()).toMillis());
    return transcriber.open(language, offsetMs, listener)
        .onFailure(e -> announce(TranscriptionState.unavailable(e.getMessage())));
  }

  /** Keeps the state in the room's state (for the {@code welcome} of newcomers) and tells the room. */
  private void announce(TranscriptionState next) {
    state = next;
    JsonObject message = next.toMessage();
    hub.updateState(roomId, s -> s.withTranscription(next.toStatus()))
        .compose(s -> hub.broadcast(roomId, message, null))
        .onFailure(e -> LOG.warn("announcing transcription state of room {} failed", roomId, e));
  }

  private TranscriptListener listener(String userId, ParticipantRole role) {
    return new TranscriptListener() {
      @Override
      public void partial(PartialResult partial) {
        hub.broadcast(roomId, message(userId, role, partial.text(), false, partial.startMs(), partial.endMs()), null);
      }

      @Override
      public void segment(FinalSegment segment) {
        if (segment.text().isBlank()) {
          return;
        }
        JsonArray words = new JsonArray(segment.words().stream().map(w -> new JsonObject()
            .put("word", w.word()).put("startMs", w.startMs()).put("endMs", w.endMs()).put("confidence", w.confidence()))
            .toList());
        TranscriptSegment stored = new TranscriptSegment(roomId, userId, role, segment.text(), segment.startMs(),
            segment.endMs(), segment.confidence(), words, clock.instant());
        segments.insert(stored)
            .onFailure(e -> LOG.warn("storing a transcript segment of room {} failed", roomId, e))
            .onComplete(ar -> {
              hub.broadcast(roomId, stored.toJson().put("type", "transcript").put("final", true), null);
              observer.spoken(stored);
            });
      }

      @Override
      public void health(StreamHealth health) {
        if (everyoneConsents && !"unavailable".equals(state.state())) {
          announce(health.state() == StreamHealth.State.DEGRADED
              ? TranscriptionState.degraded(health.reason())
              : TranscriptionState.ON);
        }
      }
    };
  }

  private static JsonObject message(String userId, ParticipantRole role, String text, boolean isFinal, long startMs,
      long endMs) {
    return new JsonObject().put("type", "transcript").put("speakerId", userId).put("role", role.name())
        .put("text", text).put("final", isFinal).put("startMs", startMs).put("endMs", endMs);
  }
}
