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
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.Model;

/**
 * A client may run ahead of real time by at most the burst allowance: frames beyond it are
 * THROTTLED, never reach the recogniser and do not move the stream's timeline, while a client
 * sending at real-time pace is never throttled, even with an allowance of a single frame.
 */
class ThrottlingTest {

  private static final int FRAME_MS = 100;
  private static final Clip PROVES = SpeechClips.clip("en_librispeech_2830-3980-0043.wav");

  @TempDir
  static Path cache;
  static Vertx vertx;
  static Transcriber burstOfHalfASecond;
  static Transcriber burstOfOneFrame;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    TranscriptionOptions options = TranscriptionOptions.defaults(cache)
        .withModelDir("en", SpeechClips.englishModel())
        .withMaxLag(Duration.ofMinutes(5)); // nothing is DROPPED here: only throttling is at work
    burstOfHalfASecond = Transcriber.create(vertx, options.withBurstAllowance(Duration.ofMillis(500)));
    burstOfOneFrame = Transcriber.create(vertx, options.withBurstAllowance(Duration.ofMillis(FRAME_MS)));
  }

  @AfterAll
  static void stop() {
    await(burstOfHalfASecond.close());
    await(burstOfOneFrame.close());
    await(vertx.close());
  }

  @Test
  @DisplayName("Audio sent faster than real time beyond the burst allowance is THROTTLED, not recognised, and does not move the timeline")
  void fasterThanRealTimeIsThrottled() {
    RecordingListener listener = new RecordingListener();
    SpeakerStream stream = await(burstOfHalfASecond.open("en", 0, listener));
    byte[] silence = new byte[FRAME_MS * PcmFrames.BYTES_PER_MS];
    List<byte[]> speech = PcmFeeder.frames(PROVES.pcm(), FRAME_MS);

    // half a second of silence (the allowance), then two seconds of speech, all at once
    long started = System.nanoTime();
    List<Admission> burst = new ArrayList<>();
    for (int i = 0; i < 500 / FRAME_MS; i++) {
      burst.add(stream.offer(silence));
    }
    List<Admission> ahead = speech.stream().map(stream::offer).toList();
    long offeringMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(burst).containsOnly(Admission.ACCEPTED);
    // offering takes microseconds: far less than the 100 ms the first speech frame would need to be due
    assertThat(offeringMs).isLessThan(FRAME_MS);
    assertThat(ahead).containsOnly(Admission.THROTTLED);
    assertThat(stream.audioMs()).isEqualTo(500);

    // throttled frames do not count: the next frame is due once real time reaches 600 - 500 ms,
    // not after the 2 s of throttled speech
    Admission next;
    while ((next = stream.offer(silence)) == Admission.THROTTLED) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
    long dueAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf("throttled %d frames; the next frame was accepted after %d ms%n", ahead.size(), dueAfterMs);
    assertThat(next).isEqualTo(Admission.ACCEPTED);
    assertThat(dueAfterMs).isBetween(100L, 1500L);
    assertThat(stream.audioMs()).isEqualTo(600);

    await(stream.close());
    // the recogniser only ever heard silence
    assertThat(listener.segments).isEmpty();
    assertThat(listener.partials).isEmpty();
    assertThat(listener.health).isEmpty();
  }

  @Test
  @DisplayName("A client at real-time pace is never throttled, even when the burst allowance is a single frame, and is recognised as offline")
  void realTimePaceIsNeverThrottled() {
    RecordingListener listener = new RecordingListener();
    SpeakerStream stream = await(burstOfOneFrame.open("en", 0, listener));
    List<byte[]> frames = PcmFeeder.frames(PROVES.pcm(), FRAME_MS);

    // frame k is sent k frames after the first one was, as a microphone would: never earlier
    List<Admission> admissions = new ArrayList<>();
    admissions.add(stream.offer(frames.get(0)));
    long first = System.nanoTime();
    for (int k = 1; k < frames.size(); k++) {
      long due = first + TimeUnit.MILLISECONDS.toNanos((long) k * FRAME_MS);
      for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
        LockSupport.parkNanos(due - now);
      }
      admissions.add(stream.offer(frames.get(k)));
    }
    await(stream.close());

    assertThat(admissions).hasSize(frames.size()).containsOnly(Admission.ACCEPTED);
    assertThat(stream.audioMs()).isEqualTo(PROVES.pcm().length / PcmFrames.BYTES_PER_MS);
    Model model = OfflineRecognition.load(SpeechClips.englishModel());
    try {
      assertThat(listener.text()).isNotBlank().isEqualTo(OfflineRecognition.transcribe(model, PROVES.pcm()));
    } finally {
      model.close();
    }
    assertThat(listener.health).isEmpty();
  }
}
