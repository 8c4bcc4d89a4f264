package dev.kizuna.bench.memo;

import dev.kizuna.signaling.memo.DocumentAccess;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoLimits;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.RepoSession;
import dev.kizuna.signaling.memo.RepoSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bytes a server sends to bring a client up to date on a shared memo built from single-keystroke
 * edits, and the latency of one keystroke, for Kizuna's memo engine with whole-document sync on
 * (the default) and off (Automerge's own sync: every missing change separately), and for the
 * reference JavaScript sync server (a stock automerge-repo {@code Repo} in Node).
 *
 * <p>The Kizuna engine runs in this JVM as the server runs it: a {@link DocumentRegistry} (in-memory
 * store, changes guarded in a child JVM) behind {@link RepoSocket} on a Vert.x HTTP server with the
 * server's WebSocket options. Clients are stock automerge-repo clients in Node
 * ({@code bench/memo/node/client.mjs}), each in a fresh process; the memo history comes from
 * {@code bench/memo/node/history.mjs}. Bytes are counted twice: on the wire by a TCP proxy
 * ({@link WireCounter}) and as the binary WebSocket messages the client receives.
 *
 * <p>Run: {@code mvn -B -q -pl bench/memo -am verify -DskipTests -Pmemo-bench}; system properties
 * {@code bench.edits} (5000), {@code bench.staleAt} (3000: what the stale client already has),
 * {@code bench.keystrokes} (300 measured after {@code bench.warmupKeystrokes}, 200) and
 * {@code bench.pauseMs} (100, between an acknowledgement and the next keystroke).
 */
public final class MemoSyncBench {

  private record Server(String name, int port, String documentUrl) {}

  private record Received(long wireBytes, long messages, long payloadBytes) {
    String cell() {
      return String.format("%,d B (%,d B in %d messages)", wireBytes, payloadBytes, messages);
    }
  }

  private final Path nodeDir;
  private final Path work;

  private MemoSyncBench(Path nodeDir, Path work) {
    this.nodeDir = nodeDir;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    int edits = Integer.getInteger("bench.edits", 5000);
    int staleAt = Integer.getInteger("bench.staleAt", 3000);
    int keystrokes = Integer.getInteger("bench.keystrokes", 300);
    int warmup = Integer.getInteger("bench.warmupKeystrokes", 200);
    int pauseMs = Integer.getInteger("bench.pauseMs", 100);
    Path nodeDir = Path.of(System.getProperty("bench.nodeDir", "bench/memo/node")).toAbsolutePath();
    MemoSyncBench bench = new MemoSyncBench(nodeDir, Files.createTempDirectory("kizuna-memo-bench"));
    System.out.println("memo: " + bench.node("history.mjs", List.of(bench.work.toString(), "" + edits, "" + staleAt)));
    byte[] memo = Files.readAllBytes(bench.work.resolve("memo-" + edits + ".bin"));
    Vertx vertx = Vertx.vertx();
    List<DocumentRegistry> registries = new ArrayList<>();
    Process reference = null;
    try {
      List<Server> servers = new ArrayList<>();
      servers.add(kizuna(vertx, "Kizuna, whole-document sync (default)", true, memo, registries));
      servers.add(kizuna(vertx, "Kizuna, whole-document sync off", false, memo, registries));
      reference = bench.startReference(memo, servers);
      List<WireCounter> counters = new ArrayList<>();
      for (Server server : servers) {
        counters.add(await(WireCounter.start(vertx, server.port())));
      }
      String have = bench.work.resolve("memo-" + staleAt + ".bin").toString();
      List<String> rows = new ArrayList<>();
      rows.add(bench.row("empty client joins", servers, counters, edits, List.of()));
      rows.add(bench.row(String.format("stale client (has %,d, misses %,d) reconnects", staleAt, edits - staleAt),
          servers, counters, edits, List.of(have)));
      StringBuilder latency = new StringBuilder("| typing latency p50 / p99 ms |");
      for (Server server : servers) {
        JsonArray samples = bench.client("type", server, server.port(), edits,
            List.of("" + keystrokes, "" + warmup, "" + pauseMs)).getJsonArray("samplesMs");
        double[] ms = samples.stream().mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
        latency.append(String.format(" %.1f / %.1f |", percentile(ms, 50), percentile(ms, 99)));
      }
      rows.add(latency.toString());
      System.out.println();
      List<String> names = servers.stream().map(Server::name).toList();
      System.out.printf("| %,d-edit memo | %s |%n", edits, String.join(" | ", names));
      System.out.println("|---|---|---|---|");
      rows.forEach(System.out::println);
    } finally {
      for (DocumentRegistry registry : registries) {
        await(registry.close());
      }
      await(vertx.close());
      if (reference != null) {
        reference.destroy();
      }
      try (Stream<Path> files = Files.list(bench.work)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.delete(file);
        }
      }
      Files.delete(bench.work);
    }
  }

  /** A Kizuna memo engine on its own HTTP server, holding {@code memo} as a new document. */
  private static Server kizuna(Vertx vertx, String name, boolean wholeDocument, byte[] memo,
      List<DocumentRegistry> registries) throws Exception {
    DocumentRegistry registry = DocumentRegistry.create(vertx, MemoStore.inMemory(),
        MemoOptions.defaults().withWholeDocumentSync(wholeDocument), MemoHooks.NONE);
    registries.add(registry);
    int port = serve(vertx, registry);
    DocumentId id = await(registry.create(memo));
    return new Server(name, port, id.url());
  }

  /** Serves {@code registry} on {@code /ws/memo} of a new HTTP server with the server's WebSocket options; returns its port. */
  static int serve(Vertx vertx, DocumentRegistry registry) throws Exception {
    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
            .setCompressionSupported(true) // as the server's HttpVerticle
            .setMaxWebSocketFrameSize(MemoLimits.DEFAULT.maxMessageBytes())
            .setMaxWebSocketMessageSize(MemoLimits.DEFAULT.maxMessageBytes()))
        .webSocketHandler(ws -> RepoSocket.serve(ws, new RepoSession("bench"), registry, DocumentAccess.allowAll(),
            MemoLimits.DEFAULT));
    await(http.listen(0, "127.0.0.1"));
    return http.actualPort();
  }

  /** Starts the reference server (it ends when its stdin closes) and adds it to {@code servers}. */
  private Process startReference(byte[] memo, List<Server> servers) throws IOException {
    Files.write(work.resolve("reference.bin"), memo);
    Process process = new ProcessBuilder("node", "reference-server.mjs", work.resolve("reference.bin").toString())
        .directory(nodeDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the reference server did not start");
    }
    JsonObject started = new JsonObject(line);
    servers.add(new Server("reference JS (automerge-repo 2.5.6)", started.getInteger("port"),
        started.getString("url")));
    return process;
  }

  /** One table row: a fresh client per server, through that server's wire counter. */
  private String row(String scenario, List<Server> servers, List<WireCounter> counters, int edits, List<String> have)
      throws Exception {
    StringBuilder row = new StringBuilder("| " + scenario + " |");
    for (int i = 0; i < servers.size(); i++) {
      WireCounter counter = counters.get(i);
      counter.takeBytesToClient();
      JsonObject got = client("join", servers.get(i), counter.port(), edits, have);
      Received received = new Received(counter.takeBytesToClient(), got.getLong("messages"), got.getLong("bytes"));
      row.append(' ').append(received.cell()).append(" |");
    }
    return row.toString();
  }

  private JsonObject client(String mode, Server server, int port, int edits, List<String> more) throws Exception {
    List<String> args = new ArrayList<>(List.of(mode, "ws://127.0.0.1:" + port + "/ws/memo", server.documentUrl(),
        work.resolve("heads.json").toString(), "" + edits));
    args.addAll(more);
    return new JsonObject(node("client.mjs", args));
  }

  private String node(String script, List<String> args) throws IOException, InterruptedException {
    return node(nodeDir, script, args);
  }

  /** Runs a script of {@code nodeDir} to its end and returns the last line it printed. */
  static String node(Path nodeDir, String script, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(nodeDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String[] lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed");
    }
    return lines[lines.length - 1];
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
