package dev.kizuna.server.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
}
