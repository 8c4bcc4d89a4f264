package dev.kizuna.transcription.models;

import dev.kizuna.transcription.ModelDownload;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Finds the model folder of a language, in this order: the folder configured for it
 * ({@link TranscriptionOptions#modelDirs()}); for English, the model embedded in this jar (copied into
 * the cache once); a complete earlier download in the cache; a new download
 * ({@link TranscriptionOptions#downloads()}). Fails with {@link TranscriptionUnavailableException}.
 */
final class ModelResolver {

  private final TranscriptionOptions options;
  private final Executor blocking;
  private final ModelDownloader downloader;
  /** Downloads in progress by target folder: tags sharing a download ({@code ja}, {@code ja-JP}) share one. */
  private final Map<Path, Future<Path>> downloading = new ConcurrentHashMap<>();

  ModelResolver(Vertx vertx, TranscriptionOptions options, Executor blocking) {
    this.options = options;
    this.blocking = blocking;
    this.downloader = new ModelDownloader(vertx, blocking);
  }

  Future<Path> folder(String language) {
    Path cacheDir = options.modelCacheDir();
    Path configured = Languages.lookup(options.modelDirs(), language);
    if (configured != null) {
      return Blocking.call(blocking, () -> {
        if (!Files.isDirectory(configured)) {
          throw new TranscriptionUnavailableException("The speech model folder configured for '" + language
              + "' (" + configured + ") does not exist.");
        }
        return configured;
      });
    }
    if (Languages.primary(language).equals(EmbeddedModel.LANGUAGE)) {
      return Blocking.call(blocking, () -> {
        try {
          return EmbeddedModel.extract(cacheDir);
        } catch (IOException e) {
          throw new TranscriptionUnavailableException("Could not copy the embedded English speech model into "
              + cacheDir + ": " + e.getMessage() + ".", e);
        }
      });
    }
    ModelDownload download = Languages.lookup(options.downloads(), language);
    if (download != null) {
      Path target = cacheDir.resolve(download.folderName());
      return Blocking.call(blocking, () -> ModelFolder.isComplete(target))
          .compose(cached -> cached ? Future.succeededFuture(target) : download(language, download, target));
    }
    return Future.failedFuture(new TranscriptionUnavailableException("No speech model is available for language '"
        + language + "': configure a model folder or a download for it."));
  }

  private Future<Path> download(String language, ModelDownload download, Path target) {
    Future<Path> pending = downloading.computeIfAbsent(target,
        t -> downloader.download(language, download, options.modelCacheDir(), t));
    pending.onComplete(done -> downloading.remove(target, pending));
    return pending;
  }
}
