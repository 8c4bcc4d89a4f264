package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.MemoException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Runs asynchronous tasks one at a time, in submission order, each started on {@code executor}.
 * A task is a callable returning a future; the next task starts only once that future completed,
 * so a task may wait for I/O (the store) without letting another task of the same document in.
 */
final class SerialQueue {

  private final Executor executor;
  private final int maxPending;
  private final ArrayDeque<Step> pending = new ArrayDeque<>();
  private boolean running;

  /** A queued task: run it on the executor, or reject it if the executor is gone. */
  private interface Step extends Runnable {
    void reject(Throwable cause);
  }

  SerialQueue(Executor executor, int maxPending) {
    this.executor = executor;
    this.maxPending = maxPending;
  }

  /** Queues {@code task}; fails at once with {@code BUSY} when too many tasks wait. */
  <T> Future<T> submit(Callable<Future<T>> task) {
    return enqueue(task, true);
  }

  /** Queues {@code task} whatever the queue length (detaching peers, unloading). */
  <T> Future<T> submitAlways(Callable<Future<T>> task) {
    return enqueue(task, false);
  }

  private <T> Future<T> enqueue(Callable<Future<T>> task, boolean bounded) {
    Promise<T> promise = Promise.promise();
    Step step = new Step() {
      @Override
      public void run() {
        Future<T> result;
        try {
          result = task.call();
        } catch (Throwable t) {
          result = Future.failedFuture(t);
        }
        result.onComplete(ar -> {
          try {
            promise.handle(ar);
          } finally {
            next();
          }
        });
      }

      @Override
      public void reject(Throwable cause) {
        try {
          promise.fail(cause);
        } finally {
          next();
        }
      }
    };
    boolean start;
    synchronized (this) {
      if (bounded && pending.size() >= maxPending) {
        return Future.failedFuture(new MemoException(MemoException.Reason.BUSY, "too many pending operations"));
      }
      pending.add(step);
      start = !running;
      running = true;
    }
    if (start) {
      next();
    }
    return promise.future();
  }

  private void next() {
    Step step;
    synchronized (this) {
      step = pending.poll();
      if (step == null) {
        running = false;
        return;
      }
    }
    try {
      executor.execute(step);
    } catch (RuntimeException rejected) {
      step.reject(new MemoException(MemoException.Reason.CLOSED, "the memo engine is closed"));
    }
  }

  synchronized int pending() {
    return pending.size();
  }
}
