package dev.kizuna.server.auth;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: each (e-mail, client address) pair may try {@link #ATTEMPTS} logins,
 * refilled at one per {@link #REFILL}. Buckets are dropped once full again, so memory stays
 * bounded by recent attackers.
 */
public final class LoginThrottle {

  /** Attempts allowed in a burst. */
  public static final int ATTEMPTS = 10;
  /** Time to earn back one attempt. */
  public static final Duration REFILL = Duration.ofSeconds(6);

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Takes one attempt for {@code email} from {@code address}; {@code false} means refuse (429). */
  public boolean tryAttempt(String email, String address) {
    if (buckets.size() > 100_000) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= ATTEMPTS);
    }
    Bucket bucket = buckets.computeIfAbsent(email + "|" + address, k -> Bucket.builder()
        .addLimit(limit -> limit.capacity(ATTEMPTS).refillGreedy(1, REFILL))
        .build());
    return bucket.tryConsume(1);
  }
}
