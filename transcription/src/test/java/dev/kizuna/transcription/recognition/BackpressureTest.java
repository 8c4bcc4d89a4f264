package dev.kizuna.transcription.recognition;

import static dev.kizuna.transcription.Waiting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.transcription.Admission;
import dev.kizuna.transcription.OfflineRecognition;
import dev.kizuna.transcription.PcmFeeder;
import dev.kizuna.transcription.PcmFrames;
import dev.kizuna.transcription.RecordingListener;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.SpeechClips;
import dev.kizuna.transcription.SpeechClips.Clip;
import dev.kizuna.transcription.StreamHealth;
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.Waiting;
import dev.kizuna.transcription.Word;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.Model;

/**
 * Recognition falling behind real time: partials go first, then audio beyond maxLag is dropped and
 * the stream reports DEGRADED, and it reports NORMAL once it caught up; the audio held never exceeds
 * maxLag. The first tests run a real stream on a one-thread pool that the test occupies, so the lag
 * is exact rather than a race; the last one overloads a real one-thread Transcriber.
 */
class BackpressureTest {

  private static final int FRAME_MS = 100;
  private static final Clip PROVES = SpeechClips.clip("en_librispeech_2830-3980-0043.wav");
  private static final Clip QUILTER = SpeechClips.clip("en_picovoice_test_mr_quilter.wav");
  private static final Clip HALT = SpeechClips.clip("en_librispeech_4507-16021-0012.wav");
  private static final Clip JFK = SpeechClips.clip("en_jfk_ask_not.wav");

  @TempDir
  static Path cache;
  static Vertx vertx;
  static Model model;

  private ExecutorService worker;
  private CountDownLatch release;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    model = OfflineRecognition.load(SpeechClips.englishModel());
  }

  @AfterAll
  static void stop() {
    model.close();
    await(vertx.close());
  }

  @BeforeEach
  void oneWorkerThread() {
    worker = Executors.newSingleThreadExecutor();
    release = new CountDownLatch(1);
  }

  @AfterEach
  void stopWorker() {
    release.countDown();
    worker.shutdown();
  }

  @Test
  @DisplayName("While recognition is behind, partials are skipped until it caught up, before any audio is dropped")
  void partialsAreDroppedFirst() {
    RecordingListener listener = new RecordingListener();
    // partials as often as possible, so any turn that computed one would show
    VoskSpeakerStream stream = stream(options(Duration.ofSeconds(5)).withPartialInterval(Duration.ofMillis(1)), listener);
    occupyWorker();

    // 3 s of speech, mid-sentence at its end: three turns of 1 s once the worker is free
    byte[] speech = Arrays.copyOf(QUILTER.pcm(), 3000 * PcmFrames.BYTES_PER_MS);
    assertThat(PcmFeeder.atOnce(stream, speech, FRAME_MS)).containsOnly(Admission.ACCEPTED);
    freeWorker();
    // (closing skips the partial of the last turn: wait for it first)
    Waiting.until("a partial arrives", () -> !listener.partials.isEmpty());
    await(stream.close());

    // the turns that left audio queued computed no partial: the only ones describe all 3 s
    assertThat(listener.partials)
        .allSatisfy(p -> assertThat(p.partial().endMs()).isEqualTo(3000));
    assertThat(listener.health).isEmpty();
    assertThat(listener.segments).isNotEmpty();
  }

  @Test
  @DisplayName("Beyond maxLag behind, frames are DROPPED and the stream is DEGRADED once; it holds at most maxLag, recovers, and keeps real times")
  void degradesDropsAndRecovers() {
    RecordingListener listener = new RecordingListener();
    VoskSpeakerStream stream = stream(options(Duration.ofSeconds(2)), listener);
    occupyWorker();

    byte[] silence = new byte[2000 * PcmFrames.BYTES_PER_MS];
    byte[] dropped = Arrays.copyOf(QUILTER.pcm(), 2000 * PcmFrames.BYTES_PER_MS);
    assertThat(PcmFeeder.atOnce(stream, silence, FRAME_MS)).containsOnly(Admission.ACCEPTED);
    assertThat(PcmFeeder.atOnce(stream, dropped, FRAME_MS)).containsOnly(Admission.DROPPED);
    // what is held is exactly maxLag: nothing beyond it was queued
    assertThat(stream.audioMs()).isEqualTo(2000);
    StreamHealth degraded = await(listener.degraded);
    assertThat(degraded.reason()).contains("2.0 s behind", "dropped");
    assertThat(listener.partials).isEmpty();

    freeWorker();
    StreamHealth recovered = await(listener.recovered);
    assertThat(recovered.state()).isEqualTo(StreamHealth.State.NORMAL);
    assertThat(listener.health).extracting(StreamHealth::state)
        .containsExactly(StreamHealth.State.DEGRADED, StreamHealth.State.NORMAL);

    // caught up: speech is accepted again, and its words sit after the dropped 2 s
    assertThat(PcmFeeder.atOnce(stream, PROVES.pcm(), FRAME_MS)).containsOnly(Admission.ACCEPTED);
    await(stream.close());
    assertThat(listener.text()).isNotBlank().isEqualTo(OfflineRecognition.transcribe(model, PROVES.pcm()));
    List<Word> words = listener.words();
    assertThat(words.get(0).startMs()).isGreaterThanOrEqualTo(4000);
    assertThat(words.get(words.size() - 1).endMs()).isLessThanOrEqualTo(4000 + Math.round(PROVES.durationS() * 1000));
    assertThat(listener.health).hasSize(2);
  }

  @Test
  @DisplayName("With one worker thread, streams sent in bursts overwhelm recognition: each is DEGRADED, drops audio, then returns to NORMAL once the load drops")
  void overloadedTranscriberDegradesAndRecovers() {
    Transcriber transcriber = Transcriber.create(vertx, options(Duration.ofMillis(300)).withWorkerThreads(1)
        .withModelDir("en", SpeechClips.englishModel()));
    List<Clip> clips = List.of(QUILTER, HALT, JFK);
    List<RecordingListener> listeners = new ArrayList<>();
    List<SpeakerStream> streams = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      listeners.add(new RecordingListener());
      streams.add(await(transcriber.open("en", 0, listeners.get(i))));
    }

    // about 2.5 s of audio per stream at once (within the burst allowance): recognising it takes
    // hundreds of milliseconds, offering it microseconds
    List<List<Admission>> admissions = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      byte[] pcm = Arrays.copyOf(clips.get(i).pcm(), 2500 * PcmFrames.BYTES_PER_MS);
      admissions.add(PcmFeeder.atOnce(streams.get(i), pcm, FRAME_MS));
    }
    for (int i = 0; i < clips.size(); i++) {
      assertThat(admissions.get(i)).contains(Admission.ACCEPTED, Admission.DROPPED).doesNotContain(Admission.THROTTLED);
      assertThat(streams.get(i).audioMs()).isLessThan(2500);
      // the load dropped (nothing more is sent): every stream catches up
      await(listeners.get(i).recovered);
    }
    await(transcriber.close()); // a stream's close completes after its last event was delivered

    for (RecordingListener listener : listeners) {
      // usually exactly DEGRADED, NORMAL; a stream may catch up and fall behind again if the test
      // thread is descheduled while the worker runs, but the states always alternate and end NORMAL
      List<StreamHealth.State> states = listener.health.stream().map(StreamHealth::state).toList();
      assertThat(states).hasSizeGreaterThanOrEqualTo(2);
      for (int k = 0; k < states.size(); k++) {
        assertThat(states.get(k)).as("health event %d of %s", k, states)
            .isEqualTo(k % 2 == 0 ? StreamHealth.State.DEGRADED : StreamHealth.State.NORMAL);
      }
      assertThat(states.get(states.size() - 1)).isEqualTo(StreamHealth.State.NORMAL);
      assertThat(listener.offContext).isEmpty();
    }
  }

  /** No throttling: audio is offered at once, as a client catching up within its allowance would. */
  private static TranscriptionOptions options(Duration maxLag) {
    return TranscriptionOptions.defaults(cache).withMaxLag(maxLag).withBurstAllowance(Duration.ofHours(1));
  }

  /** A started stream on the test's one-thread pool, delivering to {@code listener} on an event loop. */
  private VoskSpeakerStream stream(TranscriptionOptions options, RecordingListener listener) {
    Context context = vertx.getOrCreateContext();
    VoskSpeakerStream stream = new VoskSpeakerStream(model, worker, context, listener, 0, options, closed -> { });
    await(stream.start());
    return stream;
  }

  /** Occupies the only worker thread until {@link #freeWorker()}; returns once the thread is held. */
  private void occupyWorker() {
    CountDownLatch held = new CountDownLatch(1);
    worker.execute(() -> {
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Waiting.until("the worker thread is held", () -> held.getCount() == 0);
  }

  private void freeWorker() {
    release.countDown();
  }
}
