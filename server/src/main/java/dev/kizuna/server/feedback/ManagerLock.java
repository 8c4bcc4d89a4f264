package dev.kizuna.server.feedback;

import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Serialises, per manager, a member's submission and a release on this node: a release never sees a
 * submission half written (participation stored, answers not yet). With several nodes, run the
 * release on one of them (or move this lock to Redis).
 */
public final class ManagerLock {

  private static final long TIMEOUT_MS = 10_000;
  private final Vertx vertx;

  public ManagerLock(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Runs {@code action} holding the manager's lock; the lock is released whatever the outcome.
   *
   * @return fails with a 503 {@link HttpProblem} when the lock is not free within 10 s
   */
  public <T> Future<T> with(String managerId, Supplier<Future<T>> action) {
    return vertx.sharedData().getLocalLockWithTimeout("kizuna.feedback." + managerId, TIMEOUT_MS)
        .recover(e -> Future.failedFuture(new HttpProblem(503, "Busy", "feedback is being released; try again shortly")))
        .compose(lock -> {
          Future<T> result;
          try {
            result = action.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          return result.andThen(done -> lock.release());
        });
  }
}
