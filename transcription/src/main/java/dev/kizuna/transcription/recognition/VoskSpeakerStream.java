package dev.kizuna.transcription.recognition;

import dev.kizuna.transcription.Admission;
import dev.kizuna.transcription.FinalSegment;
import dev.kizuna.transcription.PartialResult;
import dev.kizuna.transcription.PcmFrames;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.StreamHealth;
import dev.kizuna.transcription.TranscriptListener;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import dev.kizuna.transcription.Word;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * A speaker stream on its own Vosk recogniser. Callers queue frames ({@link #offer}); the stream
 * recognises them in turns on the worker pool, one turn at a time and in order, so the recogniser
 * is only ever used by one thread. Positions are counted in samples (16 per millisecond).
 *
 * <p>Falling behind: partials are computed only when a turn leaves less than
 * {@link #PARTIAL_LAG_SAMPLES} queued (a frame or two arriving during a turn is not falling
 * behind); beyond {@code maxLag} of queued audio frames are dropped and the stream is DEGRADED
 * until the queue is empty again.
 */
final class VoskSpeakerStream implements SpeakerStream {

  private static final Logger LOG = LoggerFactory.getLogger(VoskSpeakerStream.class);
  private static final long SAMPLES_PER_MS = PcmFrames.SAMPLE_RATE_HZ / 1000;
  /** Audio recognised per turn before other streams' turns get the thread (fairness when many lag). */
  private static final long TURN_SAMPLES = PcmFrames.SAMPLE_RATE_HZ;
  /** Queued audio (500 ms) beyond which a stream counts as behind real time and skips partials. */
  static final long PARTIAL_LAG_SAMPLES = PcmFrames.SAMPLE_RATE_HZ / 2;

  /** Queued audio: {@code pcm} starts at sample {@code start} of the stream. */
  private record Chunk(byte[] pcm, long start) {
    long samples() {
      return pcm.length / 2;
    }
  }

  private final Model model;
  private final Executor workers;
  private final Context context;
  private final TranscriptListener listener;
  private final long offsetMs;
  private final long maxLagSamples;
  private final long burstSamples;
  private final long partialIntervalNanos;
  private final long recycleSamples;
  private final Consumer<VoskSpeakerStream> onClosed;
  private final Promise<SpeakerStream> ready = Promise.promise();
  private final Promise<Void> closed = Promise.promise();

  // Guarded by this: the callers' side.
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private long queuedSamples;
  private long timelineSamples;
  private long acceptedSamples;
  private long firstFrameNanos = -1;
  private boolean scheduled;
  private boolean closing;
  private boolean degraded;

  // Used only in the stream's turns (one at a time, each handed over through the executor).
  private Recognizer recognizer;
  private long recognizerSamples;
  private final Timeline timeline = new Timeline();
  private long utteranceStart;
  private String lastPartial = "";
  private long lastPartialNanos;
  private volatile int recognisersCreated; // read by tests

  VoskSpeakerStream(Model model, Executor workers, Context context, TranscriptListener listener, long offsetMs,
      TranscriptionOptions options, Consumer<VoskSpeakerStream> onClosed) {
    this.model = model;
    this.workers = workers;
    this.context = context;
    this.listener = listener;
    this.offsetMs = offsetMs;
    this.maxLagSamples = options.maxLag().toMillis() * SAMPLES_PER_MS;
    this.burstSamples = options.burstAllowance().toMillis() * SAMPLES_PER_MS;
    this.partialIntervalNanos = options.partialInterval().toNanos();
    this.recycleSamples = options.recycleAfter().toMillis() * SAMPLES_PER_MS;
    this.onClosed = onClosed;
    this.lastPartialNanos = System.nanoTime() - partialIntervalNanos;
  }

  /** Creates the recogniser in the stream's first turn; the future completes on a worker thread. */
  Future<SpeakerStream> start() {
    synchronized (this) {
      scheduled = true;
    }
    workers.execute(this::turn);
    return ready.future();
  }

  @Override
  public Admission offer(byte[] pcm) {
    if (pcm.length % 2 != 0) {
      throw new IllegalArgumentException("PCM frames hold whole 16-bit samples; got " + pcm.length + " bytes");
    }
    long samples = pcm.length / 2;
    boolean schedule;
    synchronized (this) {
      if (closing) {
        return Admission.DROPPED;
      }
      long now = System.nanoTime();
      if (firstFrameNanos < 0) {
        firstFrameNanos = now;
      }
      long wallClockSamples = (now - firstFrameNanos) * PcmFrames.SAMPLE_RATE_HZ / 1_000_000_000L;
      if (timelineSamples + samples > wallClockSamples + burstSamples) {
        return Admission.THROTTLED;
      }
      long start = timelineSamples;
      timelineSamples += samples;
      if (queuedSamples + samples > maxLagSamples) {
        if (!degraded) {
          degraded = true;
          // emitted under the lock so that it cannot overtake the NORMAL that ends it
          emit(() -> listener.health(new StreamHealth(StreamHealth.State.DEGRADED, String.format(Locale.ROOT,
              "Speech recognition is more than %.1f s behind; audio is dropped until it catches up.",
              maxLagSamples / (double) PcmFrames.SAMPLE_RATE_HZ))));
        }
        return Admission.DROPPED;
      }
      queue.add(new Chunk(pcm, start));
      queuedSamples += samples;
      acceptedSamples += samples;
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      workers.execute(this::turn);
    }
    return Admission.ACCEPTED;
  }

  @Override
  public Future<Void> close() {
    boolean schedule;
    synchronized (this) {
      if (closing) {
        return closed.future();
      }
      closing = true;
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      workers.execute(this::turn);
    }
    return closed.future();
  }

  @Override
  public synchronized long audioMs() {
    return acceptedSamples / SAMPLES_PER_MS;
  }

  /** Recognisers this stream created so far (1 plus one per recycling). */
  int recognisersCreated() {
    return recognisersCreated;
  }

  /** One turn on a worker thread: recognise up to {@link #TURN_SAMPLES} of queued audio. */
  private void turn() {
    try {
      if (recognizer == null && !startRecognizer()) {
        return;
      }
      long done = 0;
      while (done < TURN_SAMPLES) {
        Chunk chunk;
        synchronized (this) {
          chunk = queue.peek();
        }
        if (chunk == null) {
          break;
        }
        recognise(chunk);
        synchronized (this) {
          queue.poll();
          queuedSamples -= chunk.samples();
        }
        done += chunk.samples();
      }
      boolean caughtUp;
      synchronized (this) {
        caughtUp = queuedSamples < PARTIAL_LAG_SAMPLES && !closing;
      }
      if (caughtUp) {
        partial();
      }
      boolean finish = false;
      boolean again = false;
      synchronized (this) {
        if (queue.isEmpty()) {
          if (degraded) {
            degraded = false;
            emit(() -> listener.health(new StreamHealth(StreamHealth.State.NORMAL,
                "Speech recognition caught up.")));
          }
          finish = closing;
          scheduled = closing;
        } else {
          again = true;
        }
      }
      if (finish) {
        finish();
      } else if (again) {
        workers.execute(this::turn);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("Speech recognition failed; the stream stops", e);
      ready.tryFail(new TranscriptionUnavailableException("Speech recognition failed.", e));
      synchronized (this) {
        closing = true;
        queue.clear();
      }
      emit(() -> listener.health(new StreamHealth(StreamHealth.State.DEGRADED,
          "Speech recognition failed for this speaker.")));
      release();
    }
  }

  private boolean startRecognizer() {
    try {
      newRecognizer();
      ready.complete(this);
      return true;
    } catch (Exception e) {
      synchronized (this) {
        closing = true;
      }
      ready.fail(new TranscriptionUnavailableException("Could not start speech recognition.", e));
      closed.complete();
      onClosed.accept(this);
      return false;
    }
  }

  private void newRecognizer() throws IOException {
    recognizer = new Recognizer(model, PcmFrames.SAMPLE_RATE_HZ);
    recognizer.setWords(true);
    recognizerSamples = 0;
    utteranceStart = 0;
    timeline.reset();
    recognisersCreated++;
  }

  private void recognise(Chunk chunk) {
    timeline.feed(recognizerSamples, chunk.start());
    boolean endOfUtterance = recognizer.acceptWaveForm(chunk.pcm(), chunk.pcm().length);
    recognizerSamples += chunk.samples();
    if (endOfUtterance) {
      segment(VoskText.result(recognizer));
      if (recognizerSamples >= recycleSamples) {
        recycle();
      }
    } else if (recognizerSamples >= 2 * recycleSamples) {
      // no pause for a long time: cut the utterance rather than let the recogniser grow on
      segment(VoskText.finalResult(recognizer));
      recycle();
    }
  }

  /** Replaces the recogniser by a fresh one: its memory grows with the audio it heard. */
  private void recycle() {
    LOG.debug("Recreating a recogniser after {} s of audio", recognizerSamples / PcmFrames.SAMPLE_RATE_HZ);
    recognizer.close();
    recognizer = null;
    try {
      newRecognizer();
    } catch (IOException e) {
      throw new IllegalStateException("could not recreate the recogniser", e);
    }
  }

  private void segment(String json) {
    List<VoskJson.RecognisedWord> recognised = VoskJson.words(json);
    utteranceStart = recognizerSamples;
    lastPartial = "";
    if (!recognised.isEmpty()) {
      List<Word> words = new ArrayList<>(recognised.size());
      for (VoskJson.RecognisedWord w : recognised) {
        words.add(new Word(w.word(), toMs(samples(w.start())), toMs(samples(w.end())), w.confidence()));
      }
      FinalSegment segment = new FinalSegment(
          words.stream().map(Word::word).collect(Collectors.joining(" ")),
          words.get(0).startMs(),
          words.get(words.size() - 1).endMs(),
          words.stream().mapToDouble(Word::confidence).average().orElse(0),
          words);
      emit(() -> listener.segment(segment));
    }
    timeline.forgetBefore(recognizerSamples);
  }

  private void partial() {
    long now = System.nanoTime();
    if (now - lastPartialNanos < partialIntervalNanos) {
      return;
    }
    lastPartialNanos = now;
    String text = VoskJson.partialText(VoskText.partialResult(recognizer));
    if (!text.isEmpty() && !text.equals(lastPartial)) {
      lastPartial = text;
      PartialResult partial = new PartialResult(text, toMs(utteranceStart), toMs(recognizerSamples));
      emit(() -> listener.partial(partial));
    }
  }

  /** Flushes the last words and releases the recogniser. */
  private void finish() {
    segment(VoskText.finalResult(recognizer));
    release();
  }

  private void release() {
    if (recognizer != null) {
      recognizer.close();
      recognizer = null;
    }
    emit(() -> closed.complete());
    onClosed.accept(this);
  }

  private static long samples(double seconds) {
    return Math.round(seconds * PcmFrames.SAMPLE_RATE_HZ);
  }

  /** Milliseconds from the meeting start of recogniser sample {@code sample}. */
  private long toMs(long sample) {
    return offsetMs + timeline.toStream(sample) / SAMPLES_PER_MS;
  }

  /** Runs {@code event} on the stream's context, after every event emitted before it. */
  private void emit(Runnable event) {
    context.runOnContext(v -> event.run());
  }
}
