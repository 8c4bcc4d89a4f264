package dev.kizuna.signaling;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * The Redis the tests use ({@code REDIS_URL}, else {@code redis://127.0.0.1:6379}) and key
 * prefixes of their own, so runs never see each other's rooms.
 */
final class RedisKeys {

  static final String URL = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");

  private RedisKeys() {}

  /** A prefix no other test uses. */
  static String freshPrefix() {
    return "kizuna-test:" + UUID.randomUUID();
  }

  /** Deletes every key under {@code prefix}. */
  static void deleteAll(String prefix) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
        if (!page.getKeys().isEmpty()) {
          redis.del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }

  /** How many keys live under {@code prefix}. */
  static long count(String prefix) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().keys(prefix + ":*").size();
    } finally {
      client.shutdown();
    }
  }
}
