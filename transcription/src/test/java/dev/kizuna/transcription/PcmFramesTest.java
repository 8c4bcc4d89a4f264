package dev.kizuna.transcription;

import static dev.kizuna.transcription.Waiting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking clients' frames before they reach a stream: each kind of bad frame gets its
 * {@link FrameProblem}, while every frame of real speech passes; a stream itself refuses frames of
 * an odd length without recognising anything.
 */
class PcmFramesTest {

  private static final SpeechClips.Clip JFK = SpeechClips.clip("en_jfk_ask_not.wav");

  @Test
  @DisplayName("Every 20, 100 and 500 ms frame of every shared clip, English and Japanese, passes the check")
  void realSpeechPasses() {
    int checked = 0;
    for (SpeechClips.Clip clip : SpeechClips.all()) {
      byte[] pcm = clip.pcm();
      for (int frameMs : List.of(20, 100, 500)) {
        for (byte[] frame : PcmFeeder.frames(pcm, frameMs)) {
          if (frame.length < PcmFrames.MIN_FRAME_BYTES) {
            continue; // the clip's short tail
          }
          assertThat(PcmFrames.check(frame)).as("%s, %d ms frame", clip.file().getFileName(), frameMs).isEmpty();
          checked++;
        }
      }
    }
    System.out.println("frames of real speech checked: " + checked);
    assertThat(checked).isGreaterThan(1000);
    // the size limits are inclusive
    assertThat(PcmFrames.check(Arrays.copyOf(JFK.pcm(), PcmFrames.MIN_FRAME_BYTES))).isEmpty();
    assertThat(PcmFrames.check(Arrays.copyOf(JFK.pcm(), PcmFrames.MAX_FRAME_BYTES))).isEmpty();
  }

  @Test
  @DisplayName("Odd byte counts, frames under 20 ms or over 500 ms, file headers and text each get their problem")
  void badFramesGetTheirProblem() throws IOException {
    byte[] speech = Arrays.copyOfRange(JFK.pcm(), 16_000, 16_000 + 3200); // 100 ms of speech
    byte[] wavFile = Files.readAllBytes(JFK.file());

    assertProblem(Arrays.copyOf(speech, 3201), "odd-length", "3201 bytes");
    assertProblem(Arrays.copyOf(speech, PcmFrames.MIN_FRAME_BYTES - 2), "bad-frame-size", "638 bytes");
    assertProblem(Arrays.copyOf(JFK.pcm(), PcmFrames.MAX_FRAME_BYTES + 2), "bad-frame-size", "16002 bytes");
    assertProblem(Arrays.copyOf(wavFile, 3200), "not-pcm", "WAV");
    assertProblem(withHeader(speech, "OggS"), "not-pcm", "Ogg");
    assertProblem(withHeader(speech, "fLaC"), "not-pcm", "FLAC");
    byte[] json = "{\"type\":\"audio\",\"data\":\"AAAA\"}\n".repeat(30).getBytes(StandardCharsets.UTF_8);
    assertProblem(json.length % 2 == 0 ? json : Arrays.copyOf(json, json.length - 1), "not-pcm", "text");
    byte[] japanese = "すると、ブランコ乗りは突然泣き始めた。".repeat(20).getBytes(StandardCharsets.UTF_8);
    assertProblem(japanese, "not-pcm", "text");
  }

  @Test
  @DisplayName("A stream refuses a frame of an odd length: nothing is accepted and nothing is recognised")
  void streamRefusesOddFrames(@TempDir Path cache) {
    Vertx vertx = Vertx.vertx();
    try {
      Transcriber transcriber = Transcriber.create(vertx, TranscriptionOptions.defaults(cache)
          .withModelDir("en", SpeechClips.englishModel()).withBurstAllowance(Duration.ofHours(1)));
      RecordingListener listener = new RecordingListener();
      SpeakerStream stream = await(transcriber.open("en", 0, listener));
      byte[] speech = JFK.pcm();
      for (byte[] frame : PcmFeeder.frames(speech, 100)) {
        byte[] odd = Arrays.copyOf(frame, frame.length - 1);
        assertThatThrownBy(() -> stream.offer(odd)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(odd.length + " bytes");
      }
      assertThat(stream.audioMs()).isZero();
      await(stream.close());
      assertThat(listener.segments).isEmpty();
      assertThat(listener.partials).isEmpty();
      await(transcriber.close());
    } finally {
      await(vertx.close());
    }
  }

  private static void assertProblem(byte[] frame, String code, String mentioned) {
    Optional<FrameProblem> problem = PcmFrames.check(frame);
    assertThat(problem).as("problem of a %d byte frame", frame.length).isPresent();
    assertThat(problem.get().code()).isEqualTo(code);
    assertThat(problem.get().message()).contains(mentioned);
  }

  private static byte[] withHeader(byte[] pcm, String magic) {
    byte[] frame = pcm.clone();
    byte[] header = magic.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, frame, 0, header.length);
    return frame;
  }
}
