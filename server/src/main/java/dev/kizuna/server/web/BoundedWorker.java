package dev.kizuna.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small dedicated worker pool for blocking or CPU-heavy work, never on an event loop, with a
 * bounded queue: beyond {@code maxPending} tasks queued or running, callers get 503 instead of an
 * ever-growing queue.
 */
public final class BoundedWorker {

  private final WorkerExecutor workers;
  private final int maxPending;
  private final String busyDetail;
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * @param name the pool's name (shared by every user of the same name in this Vert.x)
   * @param threads worker threads
   * @param maxPending most tasks queued or running at once
   * @param busyDetail the 503 problem's detail when full
   */
  public BoundedWorker(Vertx vertx, String name, int threads, int maxPending, String busyDetail) {
    this.workers = vertx.createSharedWorkerExecutor(name, threads);
    this.maxPending = maxPending;
    this.busyDetail = busyDetail;
  }

  /** Runs {@code task} on the pool (tasks may run in parallel); fails with 503 when full. */
  public <T> Future<T> run(Callable<T> task) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new HttpProblem(503, "Busy", busyDetail));
    }
    return workers.executeBlocking(task, false).eventually(() -> {
      pending.decrementAndGet();
      return Future.succeededFuture();
    });
  }
}
