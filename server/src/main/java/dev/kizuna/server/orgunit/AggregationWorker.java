package dev.kizuna.server.orgunit;

import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the CPU work of organisation reports (pulse aggregates, analytics) off the event loop on
 * one shared worker thread; at most {@link #MAX_PENDING} reports wait, beyond that callers get
 * 503 instead of an ever-growing queue.
 */
public final class AggregationWorker {

  /** Most reports queued or running at once. */
  public static final int MAX_PENDING = 8;

  private final WorkerExecutor worker;
  private final AtomicInteger pending = new AtomicInteger();

  public AggregationWorker(Vertx vertx) {
    this.worker = vertx.createSharedWorkerExecutor("kizuna-reports", 1);
  }

  /** Runs {@code task} on the report worker; fails with 503 when too many are waiting. */
  public <T> Future<T> run(Callable<T> task) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return Future.failedFuture(new HttpProblem(503, "Busy", "too many reports at once, try again shortly"));
    }
    return worker.executeBlocking(task, true).eventually(() -> {
      pending.decrementAndGet();
      return Future.succeededFuture();
    });
  }
}
