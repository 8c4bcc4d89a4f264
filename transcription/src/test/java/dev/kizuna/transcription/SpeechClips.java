package dev.kizuna.transcription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The real speech clips and the unpacked English model that tests read from {@code ../shared}
 * beside the repository (audio/TRANSCRIPTS.tsv lists file, language, duration and reference text).
 * The product never reads them.
 */
public final class SpeechClips {

  /**
   * One clip.
   *
   * @param file the WAV file (16 kHz, 16-bit, mono)
   * @param durationS length, seconds
   * @param reference what is said, lower case without punctuation (English)
   */
  public record Clip(Path file, String language, double durationS, String reference) {

    /** The clip's samples: 16 kHz, 16-bit little-endian, mono. */
    public byte[] pcm() {
      return SpeechClips.pcm(file);
    }
  }

  private SpeechClips() {}

  /** The shared folder: {@code shared} beside the repository, found from the working directory upwards. */
  public static Path sharedDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path shared = dir.resolveSibling("shared");
      if (Files.isDirectory(shared.resolve("audio"))) {
        return shared;
      }
    }
    throw new IllegalStateException("no ../shared/audio beside the repository (from " + Path.of("").toAbsolutePath() + ")");
  }

  /** The small English model, unpacked (vosk-model-small-en-us-0.15). */
  public static Path englishModel() {
    return sharedDir().resolve("models/vosk-model-small-en-us-0.15");
  }

  /** Every clip listed in TRANSCRIPTS.tsv. */
  public static List<Clip> all() {
    Path audio = sharedDir().resolve("audio");
    try {
      return Files.readAllLines(audio.resolve("TRANSCRIPTS.tsv")).stream()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(line -> line.split("\t"))
          .map(f -> new Clip(audio.resolve(f[0]), f[1], Double.parseDouble(f[2]), f[3]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The clip whose file name is {@code name}. */
  public static Clip clip(String name) {
    return all().stream()
        .filter(c -> c.file().getFileName().toString().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no clip " + name));
  }

  /** The samples of a 16 kHz 16-bit mono PCM WAV file (its {@code data} chunk). */
  public static byte[] pcm(Path wav) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
        throw new IOException("not a WAV file: " + wav);
      }
      boolean formatChecked = false;
      for (int at = 12; at + 8 <= b.limit(); ) {
        String id = new String(Arrays.copyOfRange(b.array(), at, at + 4), java.nio.charset.StandardCharsets.US_ASCII);
        int size = b.getInt(at + 4);
        int body = at + 8;
        if (id.equals("fmt ")) {
          if (b.getShort(body) != 1 || b.getShort(body + 2) != 1 || b.getInt(body + 4) != 16_000
              || b.getShort(body + 14) != 16) {
            throw new IOException("not 16 kHz 16-bit mono PCM: " + wav);
          }
          formatChecked = true;
        } else if (id.equals("data") && formatChecked) {
          return Arrays.copyOfRange(b.array(), body, Math.min(body + size, b.limit()) & ~1);
        }
        at = body + size + (size & 1);
      }
      throw new IOException("no data chunk after a fmt chunk: " + wav);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
