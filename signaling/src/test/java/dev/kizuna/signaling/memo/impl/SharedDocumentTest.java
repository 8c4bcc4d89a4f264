package dev.kizuna.signaling.memo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoFanout;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.MemoStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two registries (two nodes) over one store, joined by the Redis memo fan-out: changes made on
 * both at once converge on both, sequence numbers taken by the other node are resolved from the
 * store, and a third node loading from the store sees everything.
 */
class SharedDocumentTest {

  private static final String REDIS = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");

  private Vertx vertx;
  private final List<MemoFanout> fanouts = new ArrayList<>();
  private final List<DocumentRegistry> registries = new ArrayList<>();
  private final MemoStore store = MemoStore.inMemory();
  private final String prefix = "kizuna-test:" + UUID.randomUUID();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    registries.forEach(r -> JavaPeer.await(r.close()));
    fanouts.forEach(f -> JavaPeer.await(f.close()));
    JavaPeer.await(vertx.close());
  }

  private DocumentRegistry node() {
    MemoFanout fanout = MemoFanout.redis(REDIS, prefix);
    fanouts.add(fanout);
    DocumentRegistry registry = DocumentRegistry.create(vertx, store,
        MemoOptions.defaults().withGuardChanges(false).withCompactEvery(7), MemoHooks.NONE, fanout);
    registries.add(registry);
    return registry;
  }

  @Test
  @DisplayName("edits on two nodes at once converge on both and in the store")
  void concurrentEditsOnTwoNodesConverge() {
    DocumentRegistry a = node();
    DocumentRegistry b = node();
    Document initial = new Document();
    byte[] saved = initial.save();
    initial.free();
    DocumentId id = JavaPeer.await(a.create(saved));
    JavaPeer.await(a.read(id, d -> null));
    JavaPeer.await(b.read(id, d -> null));

    List<Future<Void>> edits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      edits.add(a.change(id, set("a" + i)));
      edits.add(b.change(id, set("b" + i)));
    }
    JavaPeer.await(Future.all(edits));

    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < 20; i++) {
      expected.add("a" + i);
      expected.add("b" + i);
    }
    assertThat(keysWithin(a, id)).isEqualTo(expected);
    assertThat(keysWithin(b, id)).isEqualTo(expected);
    DocumentRegistry fresh = node();
    assertThat(JavaPeer.await(fresh.read(id, SharedDocumentTest::keys))).as("a third node reads the store")
        .isEqualTo(expected);
  }

  private static java.util.function.Consumer<Transaction> set(String key) {
    return tx -> tx.set(ObjectId.ROOT, key, 1);
  }

  private static TreeSet<String> keys(Document d) {
    return new TreeSet<>(List.of(d.keys(ObjectId.ROOT).orElse(new String[0])));
  }

  /** The keys once both nodes' changes arrived (fan-out is asynchronous), or what is there after 10 s. */
  private static TreeSet<String> keysWithin(DocumentRegistry registry, DocumentId id) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    TreeSet<String> keys = JavaPeer.await(registry.read(id, SharedDocumentTest::keys));
    while (keys.size() < 40 && System.nanoTime() < end) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      keys = JavaPeer.await(registry.read(id, SharedDocumentTest::keys));
    }
    return keys;
  }
}
