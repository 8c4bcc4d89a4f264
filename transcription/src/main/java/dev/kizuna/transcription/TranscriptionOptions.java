package dev.kizuna.transcription;

import dev.kizuna.transcription.models.Languages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link Transcriber}. Start from {@link #defaults(Path)}. Language keys are BCP 47
 * tags, matched case-insensitively, first whole ({@code en-gb}) then by primary subtag ({@code en}).
 *
 * @param modelCacheDir a writable folder where models are extracted and downloaded, kept across
 *     restarts (also JNA's native-library folder unless {@code jna.tmpdir} is set)
 * @param modelDirs model folders to use per language; they win over the embedded and downloaded ones
 * @param downloads where to download the model of a language that has neither a folder nor an
 *     embedded model
 * @param workerThreads threads running all Vosk work (recognition, model loading); one core decodes
 *     about 6.7x real time with the small English model (FACTS.md), so two cores keep up with 6-8
 *     speakers
 * @param maxLag how far recognition may fall behind a stream's audio before the stream drops audio
 *     and reports DEGRADED; also the most audio held per stream (3 s = 96 KB)
 * @param partialInterval least time between two partial results of a stream
 * @param recycleAfter audio after which a stream's recogniser is recreated at the next pause (its
 *     memory grows with audio: about 85 MB after 53 s, 150 MB after 158 s, FACTS.md); without a
 *     pause it is recreated after twice this
 * @param burstAllowance how far ahead of real time a client may send audio before frames are
 *     THROTTLED (network jitter, reconnect catch-up)
 */
public record TranscriptionOptions(Path modelCacheDir, Map<String, Path> modelDirs,
    Map<String, ModelDownload> downloads, int workerThreads, Duration maxLag, Duration partialInterval,
    Duration recycleAfter, Duration burstAllowance) {

  public TranscriptionOptions {
    Objects.requireNonNull(modelCacheDir, "modelCacheDir");
    modelDirs = normalised(modelDirs);
    downloads = normalised(downloads);
    if (workerThreads <= 0) {
      throw new IllegalArgumentException("workerThreads must be positive");
    }
    requirePositive(maxLag, "maxLag");
    requirePositive(partialInterval, "partialInterval");
    requirePositive(recycleAfter, "recycleAfter");
    Objects.requireNonNull(burstAllowance, "burstAllowance");
    if (burstAllowance.isNegative()) {
      throw new IllegalArgumentException("burstAllowance must not be negative");
    }
  }

  /**
   * One worker thread per core, maxLag 3 s, partials at least 300 ms apart, recycle after 5 min of
   * audio, 2 s burst allowance, no model folders, and the official small Japanese model as the
   * download for {@code ja} (English is embedded).
   */
  public static TranscriptionOptions defaults(Path modelCacheDir) {
    return new TranscriptionOptions(modelCacheDir, Map.of(), Map.of("ja", ModelDownload.smallJapanese()),
        Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(3), Duration.ofMillis(300),
        Duration.ofMinutes(5), Duration.ofSeconds(2));
  }

  public TranscriptionOptions withModelCacheDir(Path dir) {
    return new TranscriptionOptions(dir, modelDirs, downloads, workerThreads, maxLag, partialInterval,
        recycleAfter, burstAllowance);
  }

  /** A copy where {@code language} uses the model in {@code dir}. */
  public TranscriptionOptions withModelDir(String language, Path dir) {
    Map<String, Path> dirs = new HashMap<>(modelDirs);
    dirs.put(language, dir);
    return new TranscriptionOptions(modelCacheDir, dirs, downloads, workerThreads, maxLag, partialInterval,
        recycleAfter, burstAllowance);
  }

  /** A copy where {@code language} downloads its model as {@code download}. */
  public TranscriptionOptions withDownload(String language, ModelDownload download) {
    Map<String, ModelDownload> all = new HashMap<>(downloads);
    all.put(language, download);
    return new TranscriptionOptions(modelCacheDir, modelDirs, all, workerThreads, maxLag, partialInterval,
        recycleAfter, burstAllowance);
  }

  public TranscriptionOptions withWorkerThreads(int threads) {
    return new TranscriptionOptions(modelCacheDir, modelDirs, downloads, threads, maxLag, partialInterval,
        recycleAfter, burstAllowance);
  }

  public TranscriptionOptions withMaxLag(Duration lag) {
    return new TranscriptionOptions(modelCacheDir, modelDirs, downloads, workerThreads, lag, partialInterval,
        recycleAfter, burstAllowance);
  }

  public TranscriptionOptions withPartialInterval(Duration interval) {
    return new TranscriptionOptions(modelCacheDir, modelDirs, downloads, workerThreads, maxLag, interval,
        recycleAfter, burstAllowance);
  }

  public TranscriptionOptions withRecycleAfter(Duration audio) {
    return new TranscriptionOptions(modelCacheDir, modelDirs, downloads, workerThreads, maxLag, partialInterval,
        audio, burstAllowance);
  }

  public TranscriptionOptions withBurstAllowance(Duration allowance) {
    return new TranscriptionOptions(modelCacheDir, modelDirs, downloads, workerThreads, maxLag, partialInterval,
        recycleAfter, allowance);
  }

  private static <V> Map<String, V> normalised(Map<String, V> map) {
    Map<String, V> keyed = new HashMap<>();
    Objects.requireNonNull(map, "map").forEach((language, value) ->
        keyed.put(Languages.key(language), Objects.requireNonNull(value, language)));
    return Map.copyOf(keyed);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
