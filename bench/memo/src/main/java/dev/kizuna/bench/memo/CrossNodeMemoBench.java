package dev.kizuna.bench.memo;

import static dev.kizuna.bench.memo.MemoSyncBench.await;
import static dev.kizuna.bench.memo.MemoSyncBench.percentile;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoFanout;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.MemoStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * Memo latency from one party's keystroke to the other party's client, with both clients on one
 * node and with the two on two nodes joined by the Redis memo fan-out, in the same run.
 *
 * <p>Each node is a Kizuna memo engine in this JVM as the server runs it ({@link DocumentRegistry},
 * changes guarded in a child JVM, behind {@code RepoSocket} on its own HTTP server). The two
 * cross-node engines share one in-memory store and a {@link MemoFanout#redis} on {@code bench.redis}
 * (default {@code redis://127.0.0.1:6379}, keys under a fresh prefix); the single node has a store
 * of its own and no fan-out. The clients are stock automerge-repo clients in one Node process
 * ({@code bench/memo/node/relay.mjs}, one clock): a sample runs from the writer sending the sync
 * message that carries a keystroke to the reader receiving a sync message that carries it. So the
 * cross-node path adds: store, publish, Redis, apply on the other node, sync to its client.
 *
 * <p>Run: {@code mvn -B -q -pl bench/memo -am verify -DskipTests -Pmemo-bench
 * -Dbench.main=dev.kizuna.bench.memo.CrossNodeMemoBench}; system properties {@code bench.keystrokes}
 * (300 measured after {@code bench.warmupKeystrokes}, 200), {@code bench.pauseMs} (100, after the
 * reader got the previous keystroke) and {@code bench.rounds} (3, alternating the two set-ups).
 */
public final class CrossNodeMemoBench {

  private CrossNodeMemoBench() {}

  public static void main(String[] args) throws Exception {
    int keystrokes = Integer.getInteger("bench.keystrokes", 300);
    int warmup = Integer.getInteger("bench.warmupKeystrokes", 200);
    int pauseMs = Integer.getInteger("bench.pauseMs", 100);
    int rounds = Integer.getInteger("bench.rounds", 3);
    String redis = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
    Path nodeDir = Path.of(System.getProperty("bench.nodeDir", "bench/memo/node")).toAbsolutePath();
    String prefix = "kizuna-bench:" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    List<DocumentRegistry> registries = new ArrayList<>();
    List<MemoFanout> fanouts = new ArrayList<>();
    try {
      DocumentRegistry single = DocumentRegistry.create(vertx, MemoStore.inMemory(), MemoOptions.defaults(),
          MemoHooks.NONE);
      registries.add(single);
      MemoStore shared = MemoStore.inMemory();
      for (int i = 0; i < 2; i++) {
        MemoFanout fanout = MemoFanout.redis(redis, prefix);
        fanouts.add(fanout);
        registries.add(DocumentRegistry.create(vertx, shared, MemoOptions.defaults(), MemoHooks.NONE, fanout));
      }
      int singlePort = MemoSyncBench.serve(vertx, single);
      int portA = MemoSyncBench.serve(vertx, registries.get(1));
      int portB = MemoSyncBench.serve(vertx, registries.get(2));
      byte[] memo = emptyMemo();
      DocumentId singleDoc = await(single.create(memo));
      DocumentId sharedDoc = await(registries.get(1).create(memo));

      List<Double> oneNode = new ArrayList<>();
      List<Double> twoNodes = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        oneNode.addAll(samples(nodeDir, singlePort, singlePort, singleDoc, keystrokes, warmup, pauseMs));
        twoNodes.addAll(samples(nodeDir, portA, portB, sharedDoc, keystrokes, warmup, pauseMs));
      }
      System.out.println();
      System.out.println("| keystroke to the other party's client | samples | p50 ms | p90 ms | p99 ms | max ms |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.println(row("both parties on one node", oneNode));
      System.out.println(row("parties on two nodes (Redis fan-out)", twoNodes));
    } finally {
      for (DocumentRegistry registry : registries) {
        await(registry.close());
      }
      for (MemoFanout fanout : fanouts) {
        await(fanout.close());
      }
      await(vertx.close());
    }
  }

  /** A document with an empty {@code free} text, as the shared memo has. */
  private static byte[] emptyMemo() {
    Document document = new Document();
    try (Transaction tx = document.startTransaction()) {
      tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
      tx.commit();
    }
    byte[] saved = document.save();
    document.free();
    return saved;
  }

  private static List<Double> samples(Path nodeDir, int writerPort, int readerPort, DocumentId doc, int keystrokes,
      int warmup, int pauseMs) throws Exception {
    JsonObject result = new JsonObject(MemoSyncBench.node(nodeDir, "relay.mjs", List.of(url(writerPort), url(readerPort),
        doc.url(), "" + keystrokes, "" + warmup, "" + pauseMs)));
    return result.getJsonArray("samplesMs").stream().map(v -> ((Number) v).doubleValue()).toList();
  }

  private static String url(int port) {
    return "ws://127.0.0.1:" + port + "/ws/memo";
  }

  private static String row(String name, List<Double> samples) {
    double[] ms = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |", name, ms.length, percentile(ms, 50),
        percentile(ms, 90), percentile(ms, 99), ms[ms.length - 1]);
  }
}
