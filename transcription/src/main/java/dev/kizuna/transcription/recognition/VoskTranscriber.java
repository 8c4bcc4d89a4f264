package dev.kizuna.transcription.recognition;

import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.TranscriptListener;
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import dev.kizuna.transcription.models.SharedModels;
import dev.kizuna.transcription.models.VoskLibrary;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Transcriber} on Vosk. Two bounded pools run all Vosk work, never an event loop:
 * {@code workerThreads} threads for recognition, and one thread for model preparation (copying,
 * unpacking, checksums, loading), so that preparing a model never stalls live streams. The
 * recognition pool's queue holds at most one task per stream (a stream's turns run one at a time),
 * so it is bounded by the number of open streams.
 */
public final class VoskTranscriber implements Transcriber {

  private final Vertx vertx;
  private final TranscriptionOptions options;
  private final ExecutorService workers;
  private final ExecutorService preparation;
  private final SharedModels models;
  /** Open streams; each removes itself once closed. */
  private final Set<VoskSpeakerStream> streams = ConcurrentHashMap.newKeySet();
  private Future<Void> closing;

  public VoskTranscriber(Vertx vertx, TranscriptionOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    VoskLibrary.useTempDir(options.modelCacheDir().resolve("jna"));
    this.workers = Executors.newFixedThreadPool(options.workerThreads(), daemonThreads("kizuna-stt-"));
    this.preparation = Executors.newSingleThreadExecutor(daemonThreads("kizuna-stt-models-"));
    this.models = new SharedModels(vertx, options, preparation);
  }

  @Override
  public Future<Void> prepare(String language) {
    Context context = vertx.getOrCreateContext();
    return on(context, models.model(language).<Void>mapEmpty());
  }

  @Override
  public Future<SpeakerStream> open(String language, long offsetMs, TranscriptListener listener) {
    Objects.requireNonNull(listener, "listener");
    Context context = vertx.getOrCreateContext();
    Future<SpeakerStream> opened = models.model(language).compose(model -> {
      VoskSpeakerStream stream;
      synchronized (this) {
        if (closing != null) {
          return Future.failedFuture(new TranscriptionUnavailableException("Transcription is shutting down."));
        }
        stream = new VoskSpeakerStream(model, workers, context, listener, offsetMs, options, streams::remove);
        streams.add(stream);
      }
      return stream.start();
    });
    return on(context, opened);
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      Context context = vertx.getOrCreateContext();
      List<Future<Void>> closes = new ArrayList<>();
      for (VoskSpeakerStream stream : streams) {
        closes.add(stream.close());
      }
      closing = on(context, Future.join(closes)
          .otherwiseEmpty()
          .compose(flushed -> models.close())
          .eventually(() -> {
            workers.shutdown();
            preparation.shutdown();
            return Future.succeededFuture();
          }));
    }
    return closing;
  }

  /** {@code future}'s outcome, delivered on {@code context} (Vosk work completes on pool threads). */
  private static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(outcome -> context.runOnContext(v -> promise.handle(outcome)));
    return promise.future();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
