package dev.kizuna.server.auth;

import dev.kizuna.server.web.BoundedWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Salted, slow password hashes with vertx-auth's PBKDF2-HMAC-SHA512 (iteration count per
 * OWASP's Password Storage Cheat Sheet, 2023: 210,000). Hashing runs on a small dedicated
 * worker pool, never on an event loop; at most {@link #MAX_PENDING} hashes wait, beyond that
 * callers get 503 instead of an ever-growing queue.
 */
public final class PasswordHasher {

  /** Most hashes queued or running at once. */
  public static final int MAX_PENDING = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HashingStrategy strategy = HashingStrategy.load();
  private final BoundedWorker workers;
  private final String iterations;
  private final String dummyHash;

  /**
   * @param iterations PBKDF2 iterations for new hashes (existing hashes keep theirs)
   */
  public PasswordHasher(Vertx vertx, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.workers = new BoundedWorker(vertx, "kizuna-password-hash", 2, MAX_PENDING, "too many logins at once, try again");
    this.iterations = Integer.toString(iterations);
    this.dummyHash = hashNow("not a password");
  }

  /** Hashes {@code password} with a fresh 16-byte salt. */
  public Future<String> hash(String password) {
    return workers.run(() -> hashNow(password));
  }

  /**
   * Checks {@code password} against {@code hash}. With a {@code null} hash (unknown user) it
   * still spends the time of one verification, so timing does not reveal which e-mails exist.
   */
  public Future<Boolean> verify(String hash, String password) {
    return workers.run(() -> {
      if (hash == null) {
        strategy.verify(dummyHash, password);
        return false;
      }
      return strategy.verify(hash, password);
    });
  }

  private String hashNow(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String saltText = Base64.getEncoder().withoutPadding().encodeToString(salt);
    return strategy.hash("pbkdf2", Map.of("it", iterations), saltText, password);
  }
}
