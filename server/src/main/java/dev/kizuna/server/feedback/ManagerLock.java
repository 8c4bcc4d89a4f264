package dev.kizuna.server.feedback;

import dev.kizuna.server.db.DatabaseLock;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Serialises, per manager, a member's submission and a release, on every node that shares the
 * database: a release never sees a submission half written (participation stored, answers not yet),
 * wherever each of them runs.
 */
public final class ManagerLock {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final DatabaseLock locks;

  public ManagerLock(DatabaseLock locks) {
    this.locks = locks;
  }

  /**
   * Runs {@code action} holding the manager's lock; the lock is released whatever the outcome.
   *
   * @return fails with a 503 {@link HttpProblem} when the lock is not free within 10 s
   */
  public <T> Future<T> with(String managerId, Supplier<Future<T>> action) {
    return locks.acquire("feedback." + managerId, WAIT)
        .recover(e -> Future.failedFuture(e instanceof DatabaseLock.LockTimeout
            ? new HttpProblem(503, "Busy", "feedback is being released; try again shortly")
            : e))
        .compose(held -> {
          Future<T> result;
          try {
            result = action.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          // A release that fails leaves the lease to expire: the action's outcome stands.
          return result.eventually(() -> held.release().otherwiseEmpty());
        });
  }
}
