package dev.kizuna.server.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fixed window of share-token guesses, on a clock the test moves. */
class GuessLimiterTest {

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("an address over its misses waits until the window ends; other addresses are not affected")
  void windowPerAddress() {
    MovableClock clock = new MovableClock();
    GuessLimiter limiter = new GuessLimiter(2, Duration.ofMinutes(1), clock);
    limiter.miss("10.0.0.1");
    assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
    limiter.miss("10.0.0.1");
    clock.advance(Duration.ofSeconds(20));
    assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEqualTo(40);
    assertThat(limiter.retryAfterSeconds("10.0.0.2")).isZero();
    clock.advance(Duration.ofSeconds(40));
    assertThat(limiter.retryAfterSeconds("10.0.0.1")).as("a new window").isZero();
  }
}
