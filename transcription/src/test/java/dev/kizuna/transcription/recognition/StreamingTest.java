package dev.kizuna.transcription.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kizuna.transcription.Admission;
import dev.kizuna.transcription.FinalSegment;
import dev.kizuna.transcription.OfflineRecognition;
import dev.kizuna.transcription.PcmFeeder;
import dev.kizuna.transcription.RecordingListener;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.SpeechClips;
import dev.kizuna.transcription.SpeechClips.Clip;
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.Word;
import dev.kizuna.transcription.WordErrorRate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.Model;

/** Real Vosk on real clips: accuracy, timings, partials, flushing on close, recycling. */
class StreamingTest {

  private static final Clip JFK = SpeechClips.clip("en_jfk_ask_not.wav");
  private static final Clip QUILTER = SpeechClips.clip("en_picovoice_test_mr_quilter.wav");
  private static final Clip HALT = SpeechClips.clip("en_librispeech_4507-16021-0012.wav");
  private static final Clip PROVES = SpeechClips.clip("en_librispeech_2830-3980-0043.wav");

  @TempDir
  static Path cache;
  static Vertx vertx;
  static Model offlineModel;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    offlineModel = OfflineRecognition.load(SpeechClips.englishModel());
  }

  @AfterAll
  static void stop() {
    offlineModel.close();
    await(vertx.close());
  }

  private static TranscriptionOptions options() {
    return TranscriptionOptions.defaults(cache).withModelDir("en", SpeechClips.englishModel());
  }

  /** Options for feeding recorded audio as fast as it goes: no throttling, no dropping. */
  private static TranscriptionOptions unpaced() {
    return options().withBurstAllowance(Duration.ofHours(1)).withMaxLag(Duration.ofMinutes(5));
  }

  @Test
  void realTimeStreamsMatchOfflineAccuracyAndKeepTheirOwnResults() {
    Transcriber transcriber = Transcriber.create(vertx, options());
    List<Clip> clips = List.of(JFK, QUILTER, HALT);
    long[] offsets = {0, 60_000, 125_500};
    List<RecordingListener> listeners = new ArrayList<>();
    List<Future<?>> feeds = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < clips.size(); i++) {
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      SpeakerStream stream = await(transcriber.open("en", offsets[i], listener));
      feeds.add(PcmFeeder.realTime(vertx, stream, clips.get(i).pcm(), 100).compose(admissions -> {
        assertThat(admissions).containsOnly(Admission.ACCEPTED);
        return stream.close();
      }));
    }
    await(Future.all(feeds));
    System.out.printf("3 streams at real-time pace: %.1f s%n", (System.nanoTime() - started) / 1e9);

    for (int i = 0; i < clips.size(); i++) {
      Clip clip = clips.get(i);
      RecordingListener listener = listeners.get(i);
      double streaming = WordErrorRate.of(clip.reference(), listener.text());
      double offline = WordErrorRate.of(clip.reference(), OfflineRecognition.transcribe(offlineModel, clip.pcm()));
      double offlineSeconds = WordErrorRate.of(clip.reference(),
          OfflineRecognition.transcribe(offlineModel, clip.pcm(), 1000));
      System.out.printf("%s: WER streaming %.3f, offline %.3f (1 s chunks: %.3f) \"%s\"%n",
          clip.file().getFileName(), streaming, offline, offlineSeconds, listener.text());
      assertThat(streaming).as(clip.file().getFileName().toString()).isCloseTo(offline, within(0.01));
      assertThat(listener.offContext).isEmpty();
      assertThat(listener.health).isEmpty();
      assertTimings(listener.segments, offsets[i], clip);
      assertPartials(listener);
    }
    await(transcriber.close());
  }

  @Test
  void closeFlushesTheLastWords() {
    Transcriber transcriber = Transcriber.create(vertx, unpaced());
    RecordingListener listener = new RecordingListener();
    SpeakerStream stream = await(transcriber.open("en", 0, listener));
    // the clip ends right after its last word: too little silence for Vosk to end the utterance itself
    PcmFeeder.atOnce(stream, PROVES.pcm(), 100);
    await(stream.close());
    assertThat(listener.segments).hasSize(1);
    assertThat(listener.text()).isEqualTo("experience proves this");
    assertThat(stream.offer(new byte[3200])).isEqualTo(Admission.DROPPED);
    await(transcriber.close());
  }

  @Test
  void recyclesTheRecogniserAtAPauseAndKeepsTimes() {
    Transcriber transcriber = Transcriber.create(vertx, unpaced().withRecycleAfter(Duration.ofSeconds(2)));
    RecordingListener listener = new RecordingListener();
    VoskSpeakerStream stream = (VoskSpeakerStream) await(transcriber.open("en", 30_000, listener));
    PcmFeeder.atOnce(stream, JFK.pcm(), 100);
    await(stream.close());

    double offline = WordErrorRate.of(JFK.reference(), OfflineRecognition.transcribe(offlineModel, JFK.pcm()));
    double recycled = WordErrorRate.of(JFK.reference(), listener.text());
    System.out.printf("JFK with a new recogniser every pause after 2 s: %d recognisers, WER %.3f (offline %.3f)%n",
        stream.recognisersCreated(), recycled, offline);
    assertThat(stream.recognisersCreated()).isGreaterThanOrEqualTo(3);
    assertThat(recycled).isLessThanOrEqualTo(offline + 0.1);
    assertTimings(listener.segments, 30_000, JFK);
    // "country", the last word, ends at about 10.5 s whatever the recogniser
    List<Word> words = listener.words();
    assertThat(words.get(words.size() - 1).endMs()).isBetween(30_000 + 10_000L, 30_000 + 11_000L);
    await(transcriber.close());
  }

  /** Word times increase, sit inside the clip shifted by the offset, and bound their segment. */
  private static void assertTimings(List<FinalSegment> segments, long offsetMs, Clip clip) {
    assertThat(segments).isNotEmpty();
    long previousEnd = offsetMs;
    for (FinalSegment segment : segments) {
      assertThat(segment.words()).isNotEmpty();
      assertThat(segment.startMs()).isEqualTo(segment.words().get(0).startMs());
      assertThat(segment.endMs()).isEqualTo(segment.words().get(segment.words().size() - 1).endMs());
      assertThat(segment.confidence()).isBetween(0.0, 1.0);
      for (Word word : segment.words()) {
        assertThat(word.startMs()).isGreaterThanOrEqualTo(previousEnd);
        assertThat(word.endMs()).isGreaterThan(word.startMs());
        previousEnd = word.endMs();
      }
    }
    assertThat(previousEnd).isLessThanOrEqualTo(offsetMs + Math.round(clip.durationS() * 1000));
  }

  /** Partials arrive, never repeat the previous text, and come at most about every 300 ms. */
  private static void assertPartials(RecordingListener listener) {
    assertThat(listener.partials).isNotEmpty();
    for (int i = 1; i < listener.partials.size(); i++) {
      RecordingListener.TimedPartial previous = listener.partials.get(i - 1);
      RecordingListener.TimedPartial current = listener.partials.get(i);
      assertThat(current.partial().text()).isNotEqualTo(previous.partial().text());
      // computed >= 300 ms apart on the worker; delivery on the event loop may shift each a little
      assertThat(TimeUnit.NANOSECONDS.toMillis(current.atNanos() - previous.atNanos())).isGreaterThanOrEqualTo(250);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
