package dev.kizuna.server.feedback;

import dev.kizuna.server.hint.PendingHints;
import dev.kizuna.server.orgunit.UnitGroup;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases pending feedback into the aggregates in batches, on a timer. The rule, per manager and
 * cell: the pending answers are released only when they come from at least
 * {@link Threshold#MIN_MEMBERS} different members, and then all of them at once, together with those
 * members' consented comments. So every change a manager can observe in a cell mixes the answers of
 * two or more members, and comparing the numbers before and after a release never isolates one
 * answer. A manager's shared reflection waits for the next run.
 */
public final class FeedbackRelease {

  private static final Logger LOG = LoggerFactory.getLogger(FeedbackRelease.class);

  private final Vertx vertx;
  private final FeedbackRepository feedback;
  private final FeedbackAggregates aggregates;
  private final PendingHints pendingHints;
  private final UserRepository users;
  private final ManagerLock lock;
  private final Duration interval;
  private final Counter runs;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  /**
   * @param interval time between runs ({@code KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS})
   * @param registry counts finished runs as {@code kizuna_feedback_release_runs_total}
   */
  public FeedbackRelease(Vertx vertx, FeedbackRepository feedback, FeedbackAggregates aggregates,
      PendingHints pendingHints, UserRepository users, ManagerLock lock, Duration interval, MeterRegistry registry) {
    this.vertx = vertx;
    this.feedback = feedback;
    this.aggregates = aggregates;
    this.pendingHints = pendingHints;
    this.users = users;
    this.lock = lock;
    this.interval = interval;
    this.runs = Counter.builder("kizuna.feedback.release.runs").description("finished feedback release runs")
        .register(registry);
  }

  /** Starts the timer. */
  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> {
      // A slow run is not overlapped by the next one.
      if (running.compareAndSet(false, true)) {
        runOnce().onFailure(e -> LOG.warn("feedback release failed", e))
            .onComplete(done -> {
              running.set(false);
              runs.increment();
            });
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One release over every manager with pending answers, then the managers' reflection hints. */
  Future<Void> runOnce() {
    return feedback.managersWithPending().compose(managers -> {
      Future<Void> chain = Future.succeededFuture();
      for (String managerId : managers) {
        chain = chain.compose(v -> lock.with(managerId, () -> releaseManager(managerId)));
      }
      return chain;
    }).compose(v -> pendingHints.releaseManagers()).mapEmpty();
  }

  private Future<Void> releaseManager(String managerId) {
    return feedback.pendingOf(managerId).compose(pending -> {
      List<Cell> ready = readyCells(pending);
      if (ready.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<Void> chain = Future.succeededFuture();
      for (Cell cell : ready) {
        chain = chain.compose(v -> feedback.releaseCell(managerId, cell))
            .compose(v -> pendingHints.releaseMembers(managerId, cell.topic(), cell.expectation()).mapEmpty());
      }
      return chain.compose(v -> users.findById(managerId))
          .compose(user -> aggregates.recompute(managerId, user.map(FeedbackRelease::org).orElse("")));
    });
  }

  /** Cells whose pending answers come from at least {@link Threshold#MIN_MEMBERS} members. */
  static List<Cell> readyCells(List<JsonObject> pending) {
    Map<String, Set<String>> members = new HashMap<>();
    for (var p : pending) {
      for (Object cell : p.getJsonArray("pendingCells")) {
        members.computeIfAbsent((String) cell, k -> new HashSet<>()).add(p.getString("memberId"));
      }
    }
    List<Cell> ready = new ArrayList<>();
    members.forEach((cell, who) -> {
      if (who.size() >= Threshold.MIN_MEMBERS) {
        ready.add(Cell.parse(cell));
      }
    });
    return ready;
  }

  /** The top-level segment of the user's unit: {@code Engineering} for {@code Engineering/Platform}. */
  public static String org(User user) {
    return UnitGroup.topLevel(user.unit().strip());
  }
}
