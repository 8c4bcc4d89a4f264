package dev.kizuna.transcription;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * The baseline for streaming accuracy: a whole recording through one new recogniser as fast as it
 * goes, with plain Vosk, in 100 ms chunks like the clients' frames and FACTS.md's figures. The chunk
 * size matters: Vosk checks for the end of an utterance at chunk boundaries, and in 1 s chunks the
 * JFK clip loses one error (WER 0.045 to 0). Needs {@code -Dfile.encoding=UTF-8} for non-ASCII words.
 */
public final class OfflineRecognition {

  private static final int DEFAULT_CHUNK_MS = 100;

  private OfflineRecognition() {}

  /** Loads the model in {@code modelDir} (about 0.6 s and 113 MB for the small English one); close it after use. */
  public static Model load(Path modelDir) {
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    try {
      return new Model(modelDir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code pcm} (16 kHz, 16-bit little-endian, mono) fed in 100 ms chunks: every utterance's words, space separated. */
  public static String transcribe(Model model, byte[] pcm) {
    return transcribe(model, pcm, DEFAULT_CHUNK_MS);
  }

  /** The text of {@code pcm} fed in chunks of {@code chunkMs}. */
  public static String transcribe(Model model, byte[] pcm, int chunkMs) {
    int chunkBytes = chunkMs * PcmFrames.BYTES_PER_MS;
    List<String> texts = new ArrayList<>();
    try (Recognizer recognizer = new Recognizer(model, PcmFrames.SAMPLE_RATE_HZ)) {
      for (int at = 0; at < pcm.length; at += chunkBytes) {
        byte[] chunk = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + chunkBytes));
        if (recognizer.acceptWaveForm(chunk, chunk.length)) {
          texts.add(text(recognizer.getResult()));
        }
      }
      texts.add(text(recognizer.getFinalResult()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return String.join(" ", texts.stream().filter(t -> !t.isEmpty()).toList());
  }

  private static String text(String json) {
    return new JsonObject(json).getString("text", "").strip();
  }
}
