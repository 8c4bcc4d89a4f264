package dev.kizuna.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Signalling relay latency and server memory with 1, 100 and 1,000 concurrent rooms of two
 * sockets each, on loopback, against the fat jar in a child process.
 *
 * <p>Load shape (the same as the bare Node {@code ws} relay measured in
 * shared/design/FACTS.md, for comparison): every socket sends one ~300-byte {@code signal}
 * a second to the other participant, at a random phase. Latency is one-way, send to receive,
 * measured in this JVM (one clock). Memory is the server's heap after a full GC and its RSS.
 *
 * <p>Run: {@code mvn -q -pl bench exec:java} after {@code mvn -q package -DskipTests};
 * system properties {@code bench.rooms} (default {@code 1,100,1000}), {@code bench.seconds}
 * (measured window per scale, default 30) and {@code bench.warmupSeconds} (default 5).
 */
public final class RelayBench {

  private static final String ADMIN = "bench-admin@kizuna.test";
  private static final String PASSWORD = "bench-password-1";
  private static final String PAD = "x".repeat(200);

  private final Vertx vertx = Vertx.vertx();
  private final WebClient web;
  private final WebSocketClient sockets;
  private final ServerProcess server;
  private final Recorder latencyMicros = new Recorder(3);
  private volatile boolean recording;

  private RelayBench(ServerProcess server) {
    this.server = server;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port));
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
  }

  public static void main(String[] args) throws Exception {
    int[] scales = Arrays.stream(System.getProperty("bench.rooms", "1,100,1000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    int seconds = Integer.getInteger("bench.seconds", 30);
    int warmup = Integer.getInteger("bench.warmupSeconds", 5);
    Path jar = Path.of(System.getProperty("kizuna.jar", "server/target/kizuna.jar"));
    try (ServerProcess server = ServerProcess.start(jar, Map.of("KIZUNA_ADMIN_EMAIL", ADMIN, "KIZUNA_ADMIN_PASSWORD", PASSWORD))) {
      RelayBench bench = new RelayBench(server);
      try {
        bench.run(scales, seconds, warmup);
      } finally {
        bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private void run(int[] scales, int seconds, int warmup) throws Exception {
    int maxRooms = Arrays.stream(scales).max().orElse(1);
    String admin = await(login(ADMIN));
    JsonObject manager = await(createUser(admin, "bench-manager@kizuna.test", "MANAGER"));
    JsonObject member = await(createUser(admin, "bench-member@kizuna.test", "MEMBER"));
    String pairId = await(post(admin, "/api/pairs", new JsonObject().put("managerId", manager.getString("id"))
        .put("memberId", member.getString("id")).put("kind", "LINE"))).getString("id");
    String memberCookie = await(login("bench-member@kizuna.test"));
    String managerCookie = await(login("bench-manager@kizuna.test"));
    List<String> meetings = new ArrayList<>();
    for (int i = 0; i < maxRooms; i++) {
      meetings.add(await(post(memberCookie, "/api/meetings", new JsonObject().put("pairId", pairId)
          .put("scheduledAt", Instant.now().toString()).put("durationMinutes", 30))).getString("id"));
    }
    long baseHeap = server.heapAfterGc();
    long baseRss = server.residentBytes();
    System.out.printf("baseline: heap after GC %.1f MiB, RSS %.1f MiB%n", mib(baseHeap), mib(baseRss));
    System.out.println("| rooms | sockets | messages/s | p50 ms | p99 ms | max ms | server CPU % of one core | heap after GC MiB | heap per room KiB | RSS MiB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int rooms : scales) {
      List<RoomPair> open = new ArrayList<>();
      for (int i = 0; i < rooms; i += 50) {
        List<Future<RoomPair>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(rooms, i + 50); j++) {
          batch.add(openRoom(meetings.get(j), memberCookie, managerCookie));
        }
        for (Future<RoomPair> f : batch) {
          open.add(await(f));
        }
      }
      List<Long> timers = new ArrayList<>();
      for (RoomPair room : open) {
        timers.add(every(room.member(), room.managerPeer()));
        timers.add(every(room.manager(), room.memberPeer()));
      }
      Thread.sleep(warmup * 1000L);
      latencyMicros.reset();
      recording = true;
      long cpuBefore = server.cpuNanos();
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      recording = false;
      long elapsed = System.nanoTime() - start;
      double cpu = 100.0 * (server.cpuNanos() - cpuBefore) / elapsed;
      Histogram h = latencyMicros.getIntervalHistogram();
      timers.forEach(vertx::cancelTimer);
      long heap = server.heapAfterGc();
      long rss = server.residentBytes();
      System.out.printf("| %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |%n",
          rooms, rooms * 2, h.getTotalCount() / (elapsed / 1e9),
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
          cpu, mib(heap), (heap - baseHeap) / 1024.0 / rooms, mib(rss));
      for (RoomPair room : open) {
        await(room.member().close());
        await(room.manager().close());
      }
    }
  }

  private record RoomPair(WebSocket member, String memberPeer, WebSocket manager, String managerPeer) {}

  /** Member joins first, then manager; completes when each knows the other's peer id. */
  private Future<RoomPair> openRoom(String meetingId, String memberCookie, String managerCookie) {
    Promise<String> managerSeenByMember = Promise.promise();
    return join(meetingId, memberCookie, managerSeenByMember).compose(member ->
        join(meetingId, managerCookie, null).compose(manager -> managerSeenByMember.future().map(managerPeer ->
            new RoomPair(member.socket(), member.you(), manager.socket(), managerPeer))));
  }

  private record Joined(WebSocket socket, String you) {}

  private Future<Joined> join(String meetingId, String cookie, Promise<String> peerJoined) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(server.port).setURI("/ws/rooms/" + meetingId).addHeader("Cookie", cookie);
    Promise<Joined> welcomed = Promise.promise();
    return sockets.connect(options).compose(ws -> {
      ws.textMessageHandler(text -> {
        JsonObject message = new JsonObject(text);
        switch (message.getString("type")) {
          case "welcome" -> welcomed.tryComplete(new Joined(ws, message.getString("you")));
          case "peer-joined" -> {
            if (peerJoined != null) {
              peerJoined.tryComplete(message.getJsonObject("peer").getString("id"));
            }
          }
          case "signal" -> {
            if (recording) {
              long sent = message.getJsonObject("data").getLong("t");
              latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
            }
          }
          case "error" -> System.err.println("server error frame: " + text);
          default -> { }
        }
      });
      ws.writeTextMessage(new JsonObject().put("type", "join").encode());
      return welcomed.future();
    });
  }

  private long every(WebSocket from, String to) {
    long phase = 1 + ThreadLocalRandom.current().nextLong(1000);
    long[] seq = {0};
    return vertx.setPeriodic(phase, 1000, id -> from.writeTextMessage(new JsonObject()
        .put("type", "signal").put("to", to)
        .put("data", new JsonObject().put("seq", seq[0]++).put("t", System.nanoTime()).put("pad", PAD))
        .encode()));
  }

  private Future<String> login(String email) {
    return web.post("/api/session").sendJsonObject(new JsonObject().put("email", email).put("password", PASSWORD))
        .map(r -> {
          expect(r, 200);
          return r.cookies().stream().filter(c -> c.startsWith("kizuna.session=")).findFirst().orElseThrow().split(";")[0];
        });
  }

  private Future<JsonObject> createUser(String cookie, String email, String role) {
    return post(cookie, "/api/users", new JsonObject().put("email", email).put("name", role.toLowerCase())
        .put("password", PASSWORD).put("roles", new io.vertx.core.json.JsonArray().add(role)));
  }

  private Future<JsonObject> post(String cookie, String path, JsonObject body) {
    return web.post(path).putHeader("Cookie", cookie).sendJsonObject(body).map(r -> {
      expect(r, 201);
      return r.bodyAsJsonObject();
    });
  }

  private static void expect(HttpResponse<?> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
