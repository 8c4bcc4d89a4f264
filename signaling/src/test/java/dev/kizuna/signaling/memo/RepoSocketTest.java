package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.CloseCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.SyncState;
import org.automerge.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memo socket's protocol edges over real WebSockets, with a hand-driven client (the stock
 * client never sends most of these frames; MemoInteropTest covers the stock client).
 * "Nothing else arrived" is checked with a later answer that must be the next frame.
 */
class RepoSocketTest {

  private static final MemoLimits LIMITS = MemoLimits.DEFAULT.withMaxMessageBytes(64 * 1024).withRate(50, 60);
  private static MemoTestServer server;

  private final List<RawRepoClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new MemoTestServer(MemoOptions.defaults().withStorageId("kizuna-test-store"), LIMITS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RawRepoClient::close);
  }

  private RawRepoClient connect(String user) {
    RawRepoClient c = RawRepoClient.connect(server, user);
    clients.add(c);
    return c;
  }

  private RawRepoClient joined(String user) {
    RawRepoClient c = connect(user);
    c.join();
    return c;
  }

  /** A memo with text "hello" that {@code user} may access as given. */
  private static DocumentId memoFor(String user, Access access) {
    DocumentId id = server.createMemo(0);
    server.grant(user, id, access);
    return id;
  }

  /** The first message of a peer that has nothing. */
  private static byte[] emptyRequest() {
    Document empty = new Document();
    SyncState state = new SyncState();
    byte[] data = empty.generateSyncMessage(state).orElseThrow();
    empty.free();
    return data;
  }

  private static void requestAndExpectSync(RawRepoClient c, DocumentId id) {
    c.send(new RepoMessage.Request(c.peerId, c.serverPeerId, id, emptyRequest()));
    RepoMessage.Sync sync = c.expect(RepoMessage.Sync.class);
    assertThat(sync.documentId()).isEqualTo(id);
    assertThat(sync.targetId()).isEqualTo(c.peerId);
  }

  // ------------------------------------------------------------------ handshake

  @Test
  void joinIsAnsweredByPeerWithTheServersIdVersionAndStorage() {
    RawRepoClient c = connect("ann");

    RepoMessage.Peer peer = c.join();

    assertThat(peer.senderId()).isEqualTo(server.registry.peerId());
    assertThat(peer.targetId()).isEqualTo(c.peerId);
    assertThat(peer.selectedProtocolVersion()).isEqualTo("1");
    assertThat(peer.peerMetadata()).containsEntry("storageId", "kizuna-test-store").containsEntry("isEphemeral", false);
  }

  @Test
  void aJoinWithoutVersionsIsVersionOne() {
    RawRepoClient c = connect("ann");
    c.send(new RepoMessage.Join(c.peerId, null, null));
    assertThat(c.expect(RepoMessage.Peer.class).selectedProtocolVersion()).isEqualTo("1");
  }

  @Test
  void aClientWithNoCommonVersionGetsAnErrorAndIsClosed() {
    RawRepoClient c = connect("ann");
    c.send(new RepoMessage.Join(c.peerId, Map.of(), List.of("2", "3")));
    c.expectError("unsupported-protocol");
    assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL);
  }

  @Test
  void everythingBeforeJoinGetsNotJoined() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = connect("ann");
    c.send(new RepoMessage.Request(c.peerId, server.registry.peerId(), id, emptyRequest()));
    c.expectError("not-joined");
    c.join();
    requestAndExpectSync(c, id);
  }

  @Test
  void aNewConnectionOfTheSameUserAndPeerIdReplacesTheOld() {
    RawRepoClient first = joined("ann");
    RawRepoClient second = connect("ann");
    second.send(new RepoMessage.Join(first.peerId, Map.of(), List.of("1")));
    second.expect(RepoMessage.Peer.class);
    assertThat(first.awaitClose().code()).isEqualTo(CloseCodes.REPLACED);
  }

  @Test
  void anotherUserCannotTakeAConnectedPeerId() {
    RawRepoClient ann = joined("ann");
    RawRepoClient mallory = connect("mallory");
    mallory.send(new RepoMessage.Join(ann.peerId, Map.of(), List.of("1")));
    mallory.expectError("peer-id-taken");
    assertThat(mallory.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL);
    assertThat(ann.isOpen()).isTrue();
  }

  @Test
  void leaveClosesTheSocket() {
    RawRepoClient c = joined("ann");
    c.send(new RepoMessage.Leave(c.peerId));
    assertThat(c.awaitClose().code()).isEqualTo((short) 1000);
  }

  // ------------------------------------------------------------------ documents

  @Test
  void aRequestForAReadableDocumentIsAnsweredWithTheDocument() {
    DocumentId id = memoFor("ann", Access.READ);
    RawRepoClient c = joined("ann");
    Document doc = new Document();
    SyncState state = new SyncState();
    c.send(new RepoMessage.Request(c.peerId, c.serverPeerId, id, doc.generateSyncMessage(state).orElseThrow()));

    RepoMessage.Sync sync = c.expect(RepoMessage.Sync.class);
    doc.receiveSyncMessage(state, sync.data());

    assertThat(doc.get(ObjectId.ROOT, "schemaVersion")).isPresent();
    assertThat(java.util.Arrays.asList(doc.getHeads())).hasSize(1);
  }

  @Test
  void unknownAndForbiddenDocumentsAreAlikeUnavailable() {
    DocumentId forbidden = memoFor("bob", Access.WRITE);
    DocumentId unknown = DocumentId.random();
    server.grant("ann", unknown, Access.WRITE); // even if access says yes, it does not exist
    RawRepoClient c = joined("ann");

    c.send(new RepoMessage.Request(c.peerId, c.serverPeerId, forbidden, emptyRequest()));
    assertThat(c.expect(RepoMessage.DocUnavailable.class).documentId()).isEqualTo(forbidden);
    c.sync(unknown, emptyRequest());
    assertThat(c.expect(RepoMessage.DocUnavailable.class).documentId()).isEqualTo(unknown);
  }

  @Test
  void aReadOnlyClientsChangeIsRefusedAndTheDocumentIsUntouched() {
    DocumentId id = memoFor("viewer", Access.READ);
    RawRepoClient c = joined("viewer");
    Document doc = new Document();
    SyncState state = new SyncState();
    c.sync(id, doc.generateSyncMessage(state).orElseThrow());
    doc.receiveSyncMessage(state, c.expect(RepoMessage.Sync.class).data());
    try (Transaction tx = doc.startTransaction()) {
      tx.set(ObjectId.ROOT, "defaced", true);
      tx.commit();
    }

    c.sync(id, doc.generateSyncMessage(state).orElseThrow());

    c.expectError("read-only");
    boolean defaced = server.read(id, d -> d.get(ObjectId.ROOT, "defaced").isPresent());
    assertThat(defaced).isFalse();
  }

  @Test
  void invalidSyncBytesGetAnErrorAndTheSocketStaysUsable() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");
    for (String hex : List.of("00", "4201", "42000001000301000700", "43ffffffff")) {
      c.sync(id, HexFormat.of().parseHex(hex));
      c.expectError("invalid-sync-message");
    }
    requestAndExpectSync(c, id);
  }

  @Test
  void changesThatCrashAutomergeCloseTheSocketAndTheServerLivesOn() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");
    requestAndExpectSync(c, id);

    c.sync(id, CrashingChanges.syncMessage());

    assertThat(c.expectError("harmful-changes").message()).contains("crash");
    assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL);
    RawRepoClient again = joined("ann");
    requestAndExpectSync(again, id);
    assertThat(server.text(id, "free")).isEmpty();
  }

  @Test
  void malformedFramesGetErrorsAndTheSocketStaysUsable() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");

    c.sendBytes(new byte[] {(byte) 0xff, 0x00, 0x13});
    c.expectError("malformed-cbor");
    c.sendBytes(HexFormat.of().parseHex("83010203"));
    c.expectError("bad-message");
    c.sendBytes(TestCbor.encode(Map.of("type", "teleport", "senderId", c.peerId)));
    c.expectError("unknown-type");
    c.sendBytes(TestCbor.encode(Map.of("type", "sync", "senderId", c.peerId, "targetId", c.serverPeerId,
        "documentId", "nope", "data", new byte[] {1})));
    c.expectError("bad-document-id");
    c.sendText("{\"type\":\"join\"}");
    c.expectError("binary-only");
    c.send(new RepoMessage.Sync("someone-else", c.serverPeerId, id, emptyRequest()));
    c.expectError("bad-sender");
    c.send(new RepoMessage.Sync(c.peerId, "another-server", id, emptyRequest()));
    c.expectError("unknown-target");
    c.send(new RepoMessage.Peer(c.peerId, c.serverPeerId, Map.of(), "1"));
    c.expectError("bad-message");

    requestAndExpectSync(c, id);
  }

  @Test
  void oversizedMessagesGetTooLarge() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");
    c.sync(id, new byte[LIMITS.maxMessageBytes() + 1]);
    c.expectError("too-large");
    requestAndExpectSync(c, id);
  }

  @Test
  void aFloodIsCutToTheRateWithOneErrorAndTheSocketStaysOpen() throws Exception {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");
    for (int i = 0; i < 200; i++) {
      c.send(new RepoMessage.Ephemeral(c.peerId, c.serverPeerId, id, "s", i, new byte[] {1}));
    }
    c.awaitError("rate-limited");
    Thread.sleep(1_200);
    int errors = 0;
    RepoMessage m;
    while ((m = c.poll(Duration.ofMillis(50))) != null) {
      errors += m instanceof RepoMessage.Error ? 1 : 0;
    }
    assertThat(errors).as("at most one rate error a second").isLessThanOrEqualTo(2);
    requestAndExpectSync(c, id);
  }

  @Test
  void ephemeralMessagesReachTheOtherPeersOfADocumentOnlyFromReaders() {
    DocumentId id = memoFor("ann", Access.WRITE);
    server.grant("bob", id, Access.READ);
    RawRepoClient ann = joined("ann");
    RawRepoClient bob = joined("bob");
    RawRepoClient mallory = joined("mallory");
    requestAndExpectSync(ann, id);
    requestAndExpectSync(bob, id);

    mallory.send(new RepoMessage.Ephemeral(mallory.peerId, mallory.serverPeerId, id, "m", 1, new byte[] {6, 6}));
    assertThat(mallory.expect(RepoMessage.DocUnavailable.class).documentId()).isEqualTo(id);
    bob.send(new RepoMessage.Ephemeral(bob.peerId, bob.serverPeerId, id, "b", 7, new byte[] {4, 2}));

    RepoMessage.Ephemeral got = ann.expect(RepoMessage.Ephemeral.class);
    assertThat(got.senderId()).as("the viewer's cursor, not mallory's").isEqualTo(bob.peerId);
    assertThat(got.targetId()).isEqualTo(ann.peerId);
    assertThat(got.sessionId()).isEqualTo("b");
    assertThat(got.count()).isEqualTo(7);
    assertThat(got.data()).containsExactly(4, 2);
    assertThat(bob.poll(Duration.ofMillis(100))).as("not echoed to the sender").isNull();
  }

  @Test
  void oversizedEphemeralDataIsRefused() {
    DocumentId id = memoFor("ann", Access.WRITE);
    RawRepoClient c = joined("ann");
    c.send(new RepoMessage.Ephemeral(c.peerId, c.serverPeerId, id, "s", 1, new byte[LIMITS.maxEphemeralBytes() + 1]));
    c.expectError("too-large");
  }

  @Test
  void revokedAccessIsNoticedOnceTheCachedAnswerExpires() {
    try (MemoTestServer quick = new MemoTestServer(MemoOptions.defaults().withGuardChanges(false),
        new MemoLimits(64 * 1024, 50, 60, 1 << 20, 8, 1024, Duration.ZERO))) {
      DocumentId id = quick.createMemo(0);
      quick.grant("viewer", id, Access.READ);
      try (RawRepoClient c = RawRepoClient.connect(quick, "viewer")) {
        c.join();
        requestAndExpectSync(c, id);
        quick.grant("viewer", id, Access.NONE); // e.g. the share link was revoked

        c.sync(id, emptyRequest());

        assertThat(c.expect(RepoMessage.DocUnavailable.class).documentId()).isEqualTo(id);
        long deadline = System.nanoTime() + RawRepoClient.TIMEOUT.toNanos();
        while (quick.registry.peerCount(id) > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(quick.registry.peerCount(id)).as("detached from the document").isZero();
      }
    }
  }

  @Test
  void ratesBeyondWhatTheRateLimiterRefillsMeanNoLimit() {
    MemoLimits unlimited = new MemoLimits(64 * 1024, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 8, 1024,
        Duration.ofSeconds(30));
    try (MemoTestServer fast = new MemoTestServer(MemoOptions.defaults().withGuardChanges(false)
        .withMaxDocumentBytes(Long.MAX_VALUE), unlimited)) {
      DocumentId id = fast.createMemo(0);
      fast.grant("ann", id, Access.WRITE);
      try (RawRepoClient c = RawRepoClient.connect(fast, "ann")) {
        c.join();
        requestAndExpectSync(c, id);
      }
    }
  }

  @Test
  void oneConnectionSyncsABoundedNumberOfDocuments() {
    try (MemoTestServer small = new MemoTestServer(MemoOptions.defaults(), new MemoLimits(64 * 1024, 50, 60,
        1 << 20, 2, 1024, Duration.ofSeconds(30)))) {
      List<DocumentId> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        DocumentId id = small.createMemo(0);
        small.grant("ann", id, Access.WRITE);
        ids.add(id);
      }
      try (RawRepoClient c = RawRepoClient.connect(small, "ann")) {
        c.join();
        requestAndExpectSync(c, ids.get(0));
        requestAndExpectSync(c, ids.get(1));
        c.send(new RepoMessage.Request(c.peerId, c.serverPeerId, ids.get(2), emptyRequest()));
        c.expectError("too-many-documents");
      }
    }
  }
}
