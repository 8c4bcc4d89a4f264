package dev.kizuna.signaling.memo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoException;
import dev.kizuna.signaling.memo.MemoException.Reason;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.SyncState;
import org.automerge.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine without sockets: Java Automerge peers talk to the registry as sockets would. Covers
 * the durability rule, rollback on store failures, refusals, compaction, unloading and restarts.
 */
class LocalDocumentRegistryTest {

  private static Vertx vertx;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private ControllableStore store;
  private LocalDocumentRegistry registry;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    JavaPeer.await(vertx.close());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (registry != null) {
      JavaPeer.await(registry.close());
    }
  }

  private LocalDocumentRegistry registry(MemoOptions options) {
    return registry(options, MemoHooks.NONE);
  }

  private LocalDocumentRegistry registry(MemoOptions options, MemoHooks hooks) {
    if (store == null) {
      store = new ControllableStore();
    }
    registry = (LocalDocumentRegistry) DocumentRegistry.create(vertx, store, options, hooks);
    return registry;
  }

  private static byte[] memo(String text) {
    Document d = new Document();
    try (Transaction tx = d.startTransaction()) {
      ObjectId free = tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
      tx.spliceText(free, 0, 0, text);
      tx.commit();
    }
    byte[] saved = d.save();
    d.free();
    return saved;
  }

  private JavaPeer peer(DocumentId id) {
    JavaPeer p = new JavaPeer(registry, id);
    closeables.add(p);
    return p;
  }

  private static void type(JavaPeer peer, int index, String text) {
    ObjectId free = peer.textId("free");
    peer.edit(tx -> tx.spliceText(free, index, 0, text));
  }

  private String serverText(DocumentId id) {
    return JavaPeer.await(registry.read(id, d -> d.text(
        ((org.automerge.AmValue.Text) d.get(ObjectId.ROOT, "free").orElseThrow()).getId()).orElseThrow()));
  }

  private static Reason reason(Future<?> f) {
    Throwable t = JavaPeer.failure(f);
    assertThat(t).isInstanceOf(MemoException.class);
    return ((MemoException) t).reason();
  }

  // ------------------------------------------------------------------ sync and durability

  @Test
  void twoPeersConvergeThroughTheServer() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    JavaPeer bob = peer(id);
    ann.syncUp();
    bob.syncUp();
    type(ann, 5, " ann");
    type(bob, 0, "bob: ");
    ann.syncUp();
    bob.syncUp();
    ann.syncUp();

    assertThat(ann.text("free")).isEqualTo(bob.text("free")).contains("ann").contains("bob: ");
    assertThat(ann.heads()).containsExactlyInAnyOrderElementsOf(bob.heads());
    assertThat(serverText(id)).isEqualTo(ann.text("free"));
  }

  @Test
  void noPeerHearsOfAChangeBeforeTheStoreHasIt() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    JavaPeer bob = peer(id);
    ann.syncUp();
    bob.syncUp();
    type(ann, 5, "!");
    ChangeHash edit = ann.heads().get(0);
    store.hold();

    Future<Void> processing = ann.sendChanges();

    assertThat(ann.hearsOf(edit, Duration.ofMillis(300))).as("no acknowledgement while the append is pending").isFalse();
    assertThat(bob.hearsOf(edit, Duration.ZERO)).as("no fan-out while the append is pending").isFalse();
    assertThat(processing.isComplete()).isFalse();
    store.release();
    JavaPeer.await(processing);
    assertThat(store.appends.get()).isEqualTo(1);
    assertThat(ann.hearsOf(edit, Duration.ZERO)).as("acknowledged once stored").isTrue();
    assertThat(bob.hearsOf(edit, Duration.ZERO)).as("fanned out once stored").isTrue();
    bob.syncUp();
    assertThat(bob.text("free")).isEqualTo("hello!");
  }

  @Test
  void aFailedAppendRollsTheDocumentBackAcknowledgesNothingAndTheChangeArrivesLater() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    JavaPeer bob = peer(id);
    ann.syncUp();
    bob.syncUp();
    type(ann, 5, " world");
    ChangeHash edit = ann.heads().get(0);
    store.failAppends = true;

    assertThat(reason(ann.sendChanges())).isEqualTo(Reason.STORE_FAILED);

    assertThat(serverText(id)).isEqualTo("hello");
    assertThat(ann.hearsOf(edit, Duration.ZERO)).as("nothing acknowledged").isFalse();
    assertThat(bob.hearsOf(edit, Duration.ZERO)).as("nothing fanned out").isFalse();
    store.failAppends = false;
    ann.reset(); // a reconnecting client starts a new sync session
    ann.syncUp();
    bob.syncUp();
    assertThat(serverText(id)).isEqualTo("hello world");
    assertThat(bob.text("free")).isEqualTo("hello world");
    assertThat(store.stored(id).changes()).hasSize(1);
  }

  @Test
  void serverSideChangesAreStoredAndSentToEveryPeer() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    ann.syncUp();

    JavaPeer.await(registry.change(id, tx -> tx.set(ObjectId.ROOT, "summary", "short")));

    ann.syncUp();
    assertThat(ann.doc.get(ObjectId.ROOT, "summary").orElseThrow().toString()).contains("short");
    assertThat(store.stored(id).changes()).hasSize(1);
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void aReadOnlyPeersChangesAreRefusedAndTheDocumentIsUntouched() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer viewer = peer(id);
    viewer.access = Access.READ;
    viewer.syncUp();
    assertThat(viewer.text("free")).isEqualTo("hello");
    type(viewer, 0, "defaced ");

    assertThat(reason(viewer.sendChanges())).isEqualTo(Reason.READ_ONLY);

    assertThat(serverText(id)).isEqualTo("hello");
    assertThat(store.appends.get()).isZero();
  }

  @Test
  void aRefusedMessageDoesNotAttachItsSender() {
    registry(MemoOptions.defaults());
    byte[] saved = memo("hello");
    DocumentId id = JavaPeer.await(registry.create(saved));
    // A viewer that starts from the saved memo and edits it: its second message carries changes.
    Document local = Document.load(saved);
    Document server = Document.load(saved);
    SyncState localState = new SyncState();
    SyncState serverState = new SyncState();
    try (Transaction tx = local.startTransaction()) {
      tx.spliceText(((org.automerge.AmValue.Text) local.get(ObjectId.ROOT, "free").orElseThrow()).getId(), 0, 0, "x");
      tx.commit();
    }
    server.receiveSyncMessage(serverState, local.generateSyncMessage(localState).orElseThrow());
    local.receiveSyncMessage(localState, server.generateSyncMessage(serverState).orElseThrow());
    byte[] withChanges = local.generateSyncMessage(localState).orElseThrow();
    local.free();
    server.free();
    JavaPeer viewer = peer(id);
    viewer.access = Access.READ;

    assertThat(reason(viewer.sendRaw(withChanges))).isEqualTo(Reason.READ_ONLY);

    assertThat(registry.peerCount(id)).isZero();
  }

  @Test
  void invalidSyncMessagesAreRefusedAndTheOtherPeerKeepsEditing() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    JavaPeer mallory = peer(id);
    ann.syncUp();
    mallory.syncUp();
    String hash = "11".repeat(32);
    List<String> bad = List.of(
        "",                                   // empty
        "00",                                 // not a sync message
        "4201",                               // truncated heads
        "42000001000301000700",               // Bloom filter with entries but no bits: divides by zero in 0.5.7
        "4200000100" + "07" + "010a" + "ffffffff0f" + "00" + "00", // absurd probe count
        "420000020000000000000000",           // two haves
        "42000000" + "01" + "0c" + "856f4a83" + "00000000" + "01" + "02" + "0000", // bad chunk checksum
        "42000000" + "01" + "0c" + "856f4a83" + "00000000" + "03" + "02" + "0000", // bundle chunk
        "42000000" + "01" + "05" + "0102030405",  // not a chunk
        "42" + "01" + hash + "0000" + "01" + "ff"); // truncated change
    for (String hex : bad) {
      Future<Void> f = mallory.sendRaw(HexFormat.of().parseHex(hex));
      assertThat(reason(f)).as(hex).isEqualTo(Reason.INVALID_SYNC_MESSAGE);
    }
    assertThat(serverText(id)).isEqualTo("hello");

    type(ann, 5, " again");
    ann.syncUp();
    assertThat(serverText(id)).isEqualTo("hello again");
  }

  @Test
  void changesThatCrashAutomergeKillOnlyTheGuardAndAreRefused() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    JavaPeer mallory = peer(id);
    ann.syncUp();
    mallory.syncUp();

    Future<Void> attack = mallory.sendRaw(dev.kizuna.signaling.memo.CrashingChanges.syncMessage());

    Throwable refused = JavaPeer.failure(attack);
    assertThat(refused).isInstanceOf(MemoException.class).hasMessageContaining("crash");
    assertThat(((MemoException) refused).reason()).isEqualTo(Reason.HARMFUL_CHANGES);
    assertThat(serverText(id)).isEqualTo("hello");
    type(ann, 5, ", still alive");
    ann.syncUp();
    assertThat(serverText(id)).isEqualTo("hello, still alive");
    assertThat(registry.guard().running()).as("the guard was restarted for the next change").isTrue();
  }

  @Test
  void changesThatWouldMakeTheDocumentTooLargeAreRefused() {
    registry(MemoOptions.defaults().withMaxDocumentBytes(4_000));
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    ann.syncUp();
    StringBuilder noise = new StringBuilder();
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 6_000; i++) {
      noise.append((char) ('!' + random.nextInt(90)));
    }
    type(ann, 0, noise.toString());

    assertThat(reason(ann.sendChanges())).isEqualTo(Reason.DOCUMENT_TOO_LARGE);

    assertThat(serverText(id)).isEqualTo("hello");
    JavaPeer bob = peer(id);
    bob.syncUp();
    assertThat(bob.text("free")).isEqualTo("hello");
  }

  @Test
  void unknownDocumentsAreNotFound() {
    registry(MemoOptions.defaults());
    JavaPeer ann = peer(DocumentId.random());
    assertThat(reason(ann.send().orElseThrow())).isEqualTo(Reason.NOT_FOUND);
    assertThat(registry.liveDocuments()).isZero();
  }

  @Test
  void aFloodedDocumentAnswersBusy() {
    registry(MemoOptions.defaults().withMaxQueuedPerDocument(2));
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    ann.syncUp();
    store.hold();
    type(ann, 0, "a");
    List<Future<Void>> sent = new ArrayList<>();
    sent.add(ann.sendChanges());
    for (int i = 0; i < 5; i++) {
      sent.add(ann.sendRaw(new byte[] {0x42, 0, 0, 0, 0}));
    }
    assertThat(reason(sent.get(sent.size() - 1))).isEqualTo(Reason.BUSY);
    store.release();
    JavaPeer.await(sent.get(0));
  }

  @Test
  void documentsThatAreNotAutomergeCannotBeCreated() {
    registry(MemoOptions.defaults());
    assertThat(JavaPeer.failure(registry.create(new byte[] {1, 2, 3}))).isInstanceOf(MemoException.class);
  }

  // ------------------------------------------------------------------ snapshots, unloading, restarts

  @Test
  void everyNChunksTheDocumentIsCompactedIntoASnapshot() {
    registry(MemoOptions.defaults().withCompactEvery(3));
    DocumentId id = JavaPeer.await(registry.create(memo("")));
    JavaPeer ann = peer(id);
    ann.syncUp();
    for (int i = 0; i < 7; i++) {
      type(ann, i, "x");
      ann.syncUp();
    }
    assertThat(store.compactions.get()).isEqualTo(2);
    assertThat(store.stored(id).snapshotSeq()).isEqualTo(6);
    assertThat(store.stored(id).changes()).extracting(c -> c.seq()).containsExactly(7L);
  }

  @Test
  void idleDocumentsAreSavedAndUnloadedAndLoadAgainOnUse() throws Exception {
    List<DocumentId> unloaded = new CopyOnWriteArrayList<>();
    registry(MemoOptions.defaults().withIdleUnload(Duration.ofMillis(100)), new MemoHooks() {
      @Override
      public Future<Void> afterUnload(DocumentId id) {
        unloaded.add(id);
        return Future.succeededFuture();
      }
    });
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    ann.syncUp();
    type(ann, 5, "!");
    ann.syncUp();
    assertThat(registry.liveDocuments()).isEqualTo(1);
    registry.detach(id, ann);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while ((registry.liveDocuments() > 0 || unloaded.isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(registry.liveDocuments()).isZero();
    assertThat(unloaded).containsExactly(id);
    assertThat(store.stored(id).changes()).as("saved as a snapshot before unloading").isEmpty();

    JavaPeer bob = peer(id);
    bob.syncUp();
    assertThat(bob.text("free")).isEqualTo("hello!");
  }

  @Test
  void aRestartedServerHasEverythingOnceAndNothingTwice() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    JavaPeer ann = peer(id);
    ann.syncUp();
    type(ann, 5, " world");
    ann.syncUp();
    JavaPeer.await(registry.close());
    closeables.clear();

    registry(MemoOptions.defaults());
    JavaPeer again = peer(id);
    again.doc = ann.doc; // the same client comes back with its copy
    again.syncUp();
    assertThat(serverText(id)).isEqualTo("hello world");
    assertThat(again.text("free")).isEqualTo("hello world");
  }

  @Test
  void readSeesTheLiveDocument() {
    registry(MemoOptions.defaults());
    DocumentId id = JavaPeer.await(registry.create(memo("hello")));
    Optional<String> text = JavaPeer.await(registry.read(id, d -> d.get(ObjectId.ROOT, "free").map(Object::toString)));
    assertThat(text).isPresent();
    assertThat(registry.peerCount(id)).isZero();
  }
}
