package dev.kizuna.server.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Blocks the test thread (never an event loop) on a Vert.x future, with a deadline. */
public final class Await {

  /** Longest a single step of a test may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private Await() {}

  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + TIMEOUT, e);
    }
  }

  /**
   * Asks {@code probe} again (every 100 ms) until its answer satisfies {@code condition}, for work the
   * server does in the background with nothing to subscribe to; fails after {@code deadline}.
   *
   * @return the first satisfying answer
   */
  public static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<T> condition) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + " not within " + deadline + "; last: " + last);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      last = probe.get();
    }
    return last;
  }
}
