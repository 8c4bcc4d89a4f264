package dev.kizuna.transcription.models;

import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.vosk.Model;

/**
 * The loaded Vosk models: one per model folder (about 113 MB and 0.6 s for the small English model,
 * FACTS.md), loaded on first request and shared by every recogniser of every language that resolves
 * to it. Concurrent requests share one load; a failed one is forgotten so a later request retries.
 */
public final class SharedModels {

  private final ModelResolver resolver;
  private final Executor blocking;
  private final Map<String, Future<Model>> byLanguage = new ConcurrentHashMap<>();
  private final Map<Path, Future<Model>> byFolder = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** @param blocking runs extraction, checksums, unpacking and model loading */
  public SharedModels(Vertx vertx, TranscriptionOptions options, Executor blocking) {
    this.resolver = new ModelResolver(vertx, options, blocking);
    this.blocking = blocking;
  }

  /** The model of {@code language}; fails with {@link TranscriptionUnavailableException}. */
  public Future<Model> model(String language) {
    if (closed) {
      return Future.failedFuture(new TranscriptionUnavailableException("Transcription is shutting down."));
    }
    String key = Languages.key(language);
    Future<Model> model = byLanguage.computeIfAbsent(key, k -> resolver.folder(language).compose(this::load));
    model.onFailure(failure -> byLanguage.remove(key, model));
    return model;
  }

  private Future<Model> load(Path folder) {
    Path key = folder.toAbsolutePath().normalize();
    Future<Model> model = byFolder.computeIfAbsent(key, k -> Blocking.call(blocking, () -> {
      VoskLibrary.load();
      try {
        return new Model(k.toString());
      } catch (Exception e) {
        throw new TranscriptionUnavailableException("Could not load the speech model in " + k + ".", e);
      }
    }));
    model.onFailure(failure -> byFolder.remove(key, model));
    return model;
  }

  /** Frees every model; call once no recogniser uses them. Later requests fail. */
  public Future<Void> close() {
    closed = true;
    List<Future<Model>> all = new ArrayList<>(byFolder.values());
    byLanguage.clear();
    byFolder.clear();
    return Future.join(all).otherwiseEmpty().compose(loaded -> Blocking.call(blocking, () -> {
      for (Future<Model> model : all) {
        if (model.succeeded()) {
          model.result().close();
        }
      }
      return null;
    }));
  }
}
