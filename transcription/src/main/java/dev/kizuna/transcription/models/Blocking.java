package dev.kizuna.transcription.models;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs blocking work (file copies, checksums, model loading) on an executor, never on an event loop. */
final class Blocking {

  private Blocking() {}

  /** {@code task}'s result; the future completes on the executor's thread. */
  static <T> Future<T> call(Executor executor, Callable<T> task) {
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        try {
          promise.complete(task.call());
        } catch (Throwable t) {
          promise.fail(t);
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail(e);
    }
    return promise.future();
  }
}
