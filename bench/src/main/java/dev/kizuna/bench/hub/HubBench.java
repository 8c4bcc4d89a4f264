package dev.kizuna.bench.hub;

import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.impl.RedisRoomHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Room hub benchmarks (issue 7): what relaying through Redis costs against the in-process hub,
 * and 1,000 rooms split over two nodes.
 *
 * <p>Two simulated nodes run in this JVM, each a Vert.x instance with its own hub, against the
 * Redis at {@code REDIS_URL} (default {@code redis://127.0.0.1:6379}) under a key prefix of this
 * run, deleted at the end. One JVM means one clock: latencies are one-way, send to delivery.
 * <ol>
 *   <li>Relay latency with nothing else going on ({@link PingPong}): the in-process hub, the Redis
 *       hub with both peers on one node, and the Redis hub with the peers on two nodes, in
 *       {@code bench.relayRounds} interleaved rounds (default 3) of {@code bench.relayWarmup}
 *       (2,000) unrecorded and {@code bench.relayCount} (10,000) recorded messages.</li>
 *   <li>{@code bench.rooms} rooms (default 1,000) under the load of {@link RoomLoad}, on the
 *       in-process hub (one node) and on the Redis hub (member on node 1, manager on node 2):
 *       latency over {@code bench.seconds} (60) after {@code bench.warmupSeconds} (10) of load;
 *       memory per room, from the JVM heap after full GC and from Redis {@code used_memory},
 *       each with the rooms open less before they were opened, divided by the rooms.</li>
 * </ol>
 * {@code bench.nodeTtlSeconds} (15, as {@code RoomHub.redis}) sets the Redis hubs' node TTL, whose
 * heartbeat renews every room of the node.
 * Run: {@code mvn -B -q -pl bench -am verify -DskipTests -Phub-bench} (see docs/BENCHMARKS.md).
 */
public final class HubBench {

  private static final int LOOPS_PER_NODE = 2;

  private HubBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    String prefix = "kizuna-bench:" + UUID.randomUUID();
    Vertx vertx1 = Vertx.vertx();
    Vertx vertx2 = Vertx.vertx();
    // As RoomHub.redis: a node's heartbeat (every third of it) renews every room it holds.
    Duration nodeTtl = Duration.ofSeconds(Integer.getInteger("bench.nodeTtlSeconds", 15));
    Node local = await(Node.start(vertx1, RoomHub.inProcess(vertx1), LOOPS_PER_NODE));
    Node redis1 = await(Node.start(vertx1, new RedisRoomHub(vertx1, url, prefix, nodeTtl), LOOPS_PER_NODE));
    Node redis2 = await(Node.start(vertx2, new RedisRoomHub(vertx2, url, prefix, nodeTtl), LOOPS_PER_NODE));
    try (RedisStats redis = new RedisStats(url)) {
      System.out.printf("Java %s, %d cores, max heap %d MiB, Redis %s, node TTL %d s%n", System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, redis.version(),
          nodeTtl.toSeconds());
      try {
        relay(List.of(
            new Pair("in-process hub, one node", local, local),
            new Pair("Redis hub, both peers on one node", redis1, redis1),
            new Pair("Redis hub, peers on two nodes", redis1, redis2)));
        load(redis, List.of(
            new Pair("in-process hub, one node", local, local),
            new Pair("Redis hub, member on node 1, manager on node 2", redis1, redis2)));
      } finally {
        await(Future.all(local.hub.close(), redis1.hub.close(), redis2.hub.close()));
        await(Future.all(vertx1.close(), vertx2.close()));
        long left = redis.deleteAll(prefix);
        System.out.printf("deleted %d leftover keys under %s%n", left, prefix);
      }
    }
  }

  /** A configuration: where the first peer (member) and the second (manager) of each room sit. */
  private record Pair(String label, Node first, Node second) {
    boolean usesRedis() {
      return first.hub instanceof RedisRoomHub;
    }
  }

  private static void relay(List<Pair> pairs) throws Exception {
    int rounds = Integer.getInteger("bench.relayRounds", 3);
    int warmup = Integer.getInteger("bench.relayWarmup", 2_000);
    int count = Integer.getInteger("bench.relayCount", 10_000);
    Histogram[] totals = pairs.stream().map(p -> new Histogram(3)).toArray(Histogram[]::new);
    long[] nanos = new long[pairs.size()];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < pairs.size(); i++) {
        long start = System.nanoTime();
        totals[i].add(await(PingPong.run(pairs.get(i).first(), pairs.get(i).second(), warmup, count)));
        nanos[i] += System.nanoTime() - start;
      }
    }
    System.out.printf("%n### Relay latency, one message in flight (%d rounds x %d messages after %d warm-up;"
        + " machine load average %s at the end)%n%n", rounds, count, warmup, JvmStats.loadAverage());
    System.out.println("| hub | messages | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | messages/s one in flight |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < pairs.size(); i++) {
      Histogram h = totals[i];
      System.out.printf("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.0f |%n", pairs.get(i).label(), h.getTotalCount(),
          ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6,
          (double) rounds * (warmup + count) / (nanos[i] / 1e9));
    }
  }

  private static void load(RedisStats redis, List<Pair> pairs) throws Exception {
    int rooms = Integer.getInteger("bench.rooms", 1_000);
    int warmup = Integer.getInteger("bench.warmupSeconds", 10);
    int seconds = Integer.getInteger("bench.seconds", 60);
    System.out.printf("%n### %d rooms under load (%d s warm-up, %d s measured)%n%n", rooms, warmup, seconds);
    System.out.println("| hub | rooms | open s | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms"
        + " | delivered / due | JVM CPU % of one core | Redis CPU % of one core"
        + " | heap KiB/room open | heap KiB/room after load | Redis B/room open | Redis B/room after load"
        + " | machine load average, 1 min, at the end |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Pair pair : pairs) {
      long heapBefore = JvmStats.heapAfterGc();
      long redisBefore = redis.usedMemory();
      RoomLoad load = new RoomLoad(pair.first(), pair.second());
      long openStart = System.nanoTime();
      await(load.open(rooms, 100));
      double openSeconds = (System.nanoTime() - openStart) / 1e9;
      long heapOpen = JvmStats.heapAfterGc() - heapBefore;
      long redisOpen = redis.usedMemory() - redisBefore;

      load.start();
      Thread.sleep(warmup * 1000L);
      load.resetLatencies();
      long cpuStart = JvmStats.cpuNanos();
      double redisCpuStart = redis.cpuSeconds();
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      Histogram h = load.latencies();
      String loadAverage = JvmStats.loadAverage();
      long elapsed = System.nanoTime() - start;
      double cpu = 100.0 * (JvmStats.cpuNanos() - cpuStart) / elapsed;
      double redisCpu = 100.0 * (redis.cpuSeconds() - redisCpuStart) * 1e9 / elapsed;
      load.stop();
      awaitDrained(load);

      long heapAfter = JvmStats.heapAfterGc() - heapBefore;
      long redisAfter = redis.usedMemory() - redisBefore;
      System.out.printf("| %s | %d | %.1f | %.0f | %.3f | %.3f | %.3f | %.2f | %d / %d | %.1f | %s | %.1f | %.1f | %s | %s | %s |%n",
          pair.label(), rooms, openSeconds, h.getTotalCount() / (elapsed / 1e9),
          ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6, load.delivered(), load.expected(), cpu,
          pair.usesRedis() ? String.format("%.1f", redisCpu) : "-",
          heapOpen / 1024.0 / rooms, heapAfter / 1024.0 / rooms,
          redisColumn(pair, redisOpen, rooms), redisColumn(pair, redisAfter, rooms), loadAverage);
      await(load.close());
    }
  }

  /** Waits until every due delivery arrived, at most 30 s (the count is printed either way). */
  private static void awaitDrained(RoomLoad load) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // Timers stop at their next tick and candidate chains end within 8 x 20 ms: settle first.
    Thread.sleep(1_000);
    while (load.delivered() < load.expected() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static String redisColumn(Pair pair, long bytes, int rooms) {
    return pair.usesRedis() ? String.format("%.0f", (double) bytes / rooms) : "-";
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
