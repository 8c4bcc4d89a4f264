package dev.kizuna.server.transcript;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw transcript segments older than the retention period, at start and then hourly.
 * A periodic sweep rather than a TTL index: the embedded MongoDB-wire server ignores TTL indexes.
 */
public final class TranscriptRetention {

  private static final Logger LOG = LoggerFactory.getLogger(TranscriptRetention.class);
  private static final Duration SWEEP_EVERY = Duration.ofHours(1);

  private final Vertx vertx;
  private final TranscriptRepository segments;
  private final Duration retention;
  private final Clock clock;
  private long timer = -1;

  public TranscriptRetention(Vertx vertx, TranscriptRepository segments, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.segments = segments;
    this.retention = retention;
    this.clock = clock;
  }

  /** Sweeps now and schedules the hourly sweep. */
  public void start() {
    sweep();
    timer = vertx.setPeriodic(SWEEP_EVERY.toMillis(), id -> sweep());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Deletes what is older than the retention period now; returns how many segments went. */
  Future<Long> sweep() {
    return segments.deleteSpokenBefore(clock.instant().minus(retention))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("deleted {} transcript segments older than {} days", n, retention.toDays());
          }
        })
        .onFailure(e -> LOG.warn("transcript retention sweep failed", e));
  }
}
