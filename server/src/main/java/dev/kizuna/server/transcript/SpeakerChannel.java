package dev.kizuna.server.transcript;

import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.TranscriptListener;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One participant's audio on its way to a recogniser. The speaker stream opens with the first
 * frame after consent (its start is then the offset of its segments) and closes when consent
 * is withdrawn or the participant leaves; frames that arrive while it opens wait, up to a bound.
 */
final class SpeakerChannel {

  /** Frames held while the stream opens: 5 s of 100 ms frames; beyond, frames are dropped. */
  private static final int MAX_WAITING = 50;

  final String userId;
  final ParticipantRole role;
  private final Function<TranscriptListener, Future<SpeakerStream>> opener;
  private final TranscriptListener listener;
  private final List<byte[]> waiting = new ArrayList<>();
  private SpeakerStream stream;
  private boolean opening;
  /** close() came while the stream was opening: close it as soon as it is open. */
  private boolean closeWhenOpened;

  SpeakerChannel(String userId, ParticipantRole role, Function<TranscriptListener, Future<SpeakerStream>> opener,
      TranscriptListener listener) {
    this.userId = userId;
    this.role = role;
    this.opener = opener;
    this.listener = listener;
  }

  synchronized FrameOutcome offer(byte[] pcm) {
    if (stream != null) {
      return switch (stream.offer(pcm)) {
        case ACCEPTED -> FrameOutcome.ACCEPTED;
        case THROTTLED -> FrameOutcome.THROTTLED;
        case DROPPED -> FrameOutcome.DROPPED;
      };
    }
    if (waiting.size() >= MAX_WAITING) {
      return FrameOutcome.DROPPED;
    }
    waiting.add(pcm);
    if (!opening) {
      open();
    }
    return FrameOutcome.ACCEPTED;
  }

  private void open() {
    opening = true;
    closeWhenOpened = false;
    opener.apply(listener).onComplete(ar -> opened(ar.result()));
  }

  private synchronized void opened(SpeakerStream opened) {
    opening = false;
    if (opened == null) {
      waiting.clear();
      return;
    }
    if (closeWhenOpened) {
      opened.close();
      if (!waiting.isEmpty()) {
        open();
      }
      return;
    }
    stream = opened;
    waiting.forEach(stream::offer);
    waiting.clear();
  }

  /** Flushes the last words and releases the recogniser; new frames open a new stream. */
  synchronized Future<Void> close() {
    waiting.clear();
    SpeakerStream current = stream;
    stream = null;
    if (current == null) {
      closeWhenOpened = opening;
      return Future.succeededFuture();
    }
    return current.close();
  }
}
