package dev.kizuna.server.share;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits share-token guessing per client address with a fixed window: each address may miss
 * (ask for a token that opens nothing) {@code limit} times per window; beyond that it is refused
 * until the window ends. Thread-safe; windows of other addresses are dropped as they end.
 */
public final class GuessLimiter {

  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Long> misses = new ConcurrentHashMap<>();
  private volatile long windowStart;

  /**
   * @param limit misses allowed per address and window
   * @param window the window's length
   */
  public GuessLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    this.windowStart = clock.millis();
  }

  /** Seconds until {@code address} may ask again, or 0 when it may now. */
  public long retryAfterSeconds(String address) {
    long now = roll();
    if (misses.getOrDefault(address, 0L) < limit) {
      return 0;
    }
    return Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
  }

  /** Counts a miss of {@code address}. */
  public void miss(String address) {
    roll();
    misses.merge(address, 1L, Long::sum);
  }

  /** Starts a new window when the current one is over; answers the time now. */
  private synchronized long roll() {
    long now = clock.millis();
    if (now - windowStart >= windowMillis) {
      windowStart = now;
      misses.clear();
    }
    return now;
  }
}
