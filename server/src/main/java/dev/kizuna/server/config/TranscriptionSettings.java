package dev.kizuna.server.config;

import dev.kizuna.transcription.ModelDownload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of live transcription.
 *
 * @param modelDirs Vosk model folder per language code ({@code en}, {@code ja}); languages not
 *     listed use the embedded English model or download their official small model
 * @param downloads where to download a language's model instead of its official small model
 *     (a mirror inside a network without internet access)
 * @param workers threads that run recognition
 * @param retention how long raw transcript segments are kept after they were spoken
 */
public record TranscriptionSettings(Map<String, Path> modelDirs, Map<String, ModelDownload> downloads, int workers,
    Duration retention) {

  public TranscriptionSettings {
    modelDirs = Map.copyOf(modelDirs);
    downloads = Map.copyOf(downloads);
  }
}
