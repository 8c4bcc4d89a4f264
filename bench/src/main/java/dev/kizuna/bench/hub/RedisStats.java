package dev.kizuna.bench.hub;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures of the Redis server from {@code INFO} (memory, CPU) and removal of the bench's keys.
 * Blocking Lettuce calls: used from the bench's main thread only, never from an event loop.
 */
final class RedisStats implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  RedisStats(String url) {
    client = RedisClient.create(url);
    connection = client.connect();
    redis = connection.sync();
  }

  /** {@code used_memory} of {@code INFO memory}: bytes the allocator holds for data and buffers. */
  long usedMemory() {
    return number(redis.info("memory"), "used_memory");
  }

  /** {@code used_cpu_sys + used_cpu_user} of {@code INFO cpu}, in seconds since Redis started. */
  double cpuSeconds() {
    String info = redis.info("cpu");
    return decimal(info, "used_cpu_sys") + decimal(info, "used_cpu_user");
  }

  /** The server's version, for the machine notes. */
  String version() {
    return redis.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
        .map(l -> l.substring("redis_version:".length())).orElse("?");
  }

  /** Number of keys under {@code prefix}, then deletes them. */
  long deleteAll(String prefix) {
    long deleted = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
      if (!page.getKeys().isEmpty()) {
        deleted += redis.del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return deleted;
  }

  /** Keys under {@code prefix} now. */
  long count(String prefix) {
    long keys = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
      keys += page.getKeys().size();
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }

  private static long number(String info, String field) {
    return Long.parseLong(field(info, field));
  }

  private static double decimal(String info, String field) {
    return Double.parseDouble(field(info, field));
  }

  private static String field(String info, String field) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + ":([0-9.]+)").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in INFO");
    }
    return m.group(1);
  }
}
