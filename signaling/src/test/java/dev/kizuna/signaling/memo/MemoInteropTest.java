package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two (or three) stock automerge-repo 2.5.6 clients with @automerge/automerge 3.5.0, in Node,
 * against the Java server over real WebSockets.
 */
class MemoInteropTest {

  private static final MemoLimits LIMITS = MemoLimits.DEFAULT.withMaxMessageBytes(256 * 1024).withRate(50, 100);
  private static MemoTestServer server;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void start() {
    NodeClient.prewarm(2);
    server = new MemoTestServer(MemoOptions.defaults(), LIMITS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private NodeClient client(String user) {
    NodeClient c = NodeClient.connect(user, server.url(user));
    open.add(c);
    return c;
  }

  /** A memo whose {@code free} text is {@code text}, writable by the given users. */
  private static DocumentId memo(String text, String... writers) {
    DocumentId id = server.createMemo(0);
    for (String w : writers) {
      server.grant(w, id, Access.WRITE);
    }
    if (!text.isEmpty()) {
      org.automerge.ObjectId free = textOf(id);
      MemoTestServer.await(server.registry.change(id, tx -> tx.spliceText(free, 0, 0, text)));
    }
    return id;
  }

  private static org.automerge.ObjectId textOf(DocumentId id) {
    return server.read(id, d -> ((org.automerge.AmValue.Text) d.get(org.automerge.ObjectId.ROOT, "free")
        .orElseThrow()).getId());
  }

  private static JsonArray heads(JsonObject state) {
    return state.getJsonArray("heads");
  }

  /** Waits until both clients and the server have the same heads; returns them. */
  private static List<String> converged(DocumentId id, NodeClient a, NodeClient b) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<String> server = MemoInteropTest.server.heads(id);
      List<String> ha = sorted(heads(a.state(id)));
      List<String> hb = sorted(heads(b.state(id)));
      if (ha.equals(hb) && ha.equals(server)) {
        return server;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no convergence: a=" + ha + " b=" + hb + " server=" + server);
      }
      sleep(20);
    }
  }

  private static List<String> sorted(JsonArray a) {
    return a.stream().map(String.class::cast).sorted().toList();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  // ------------------------------------------------------------------ convergence

  @Test
  void concurrentEditsInTheSameSentenceConvergeToIdenticalHeadsAndText() {
    String sentence = "We agreed to ship the release on Friday.";
    DocumentId id = memo(sentence, "ann", "bob");
    NodeClient ann = client("ann");
    NodeClient bob = client("bob");
    ann.find(id);
    bob.find(id);
    int beforeFriday = sentence.indexOf("Friday");

    CompletableFuture<JsonObject> annTypes = CompletableFuture.supplyAsync(() -> ann.type(id, "free", beforeFriday, "next "));
    CompletableFuture<JsonObject> bobTypes = CompletableFuture.supplyAsync(() -> bob.type(id, "free", beforeFriday, "late "));
    annTypes.join();
    bobTypes.join();
    converged(id, ann, bob);
    ann.splice(id, "free", 3, 6, "decided");
    String bobSees = ann.text(id, "free");
    bob.waitFor(id, "free", bobSees);
    bob.splice(id, "free", bobSees.lastIndexOf('.'), 1, "!");

    List<String> heads = converged(id, ann, bob);
    String text = ann.text(id, "free");
    assertThat(bob.text(id, "free")).isEqualTo(text);
    assertThat(server.text(id, "free")).isEqualTo(text);
    assertThat(text).startsWith("We decided to ship the release on ").endsWith("Friday!");
    assertThat(occurrences(text, "next")).isEqualTo(1);
    assertThat(occurrences(text, "late")).isEqualTo(1);
    assertThat(heads).isNotEmpty();
  }

  @Test
  void editsMadeOfflineMergeOnReconnectWithNothingLostOrDoubled() {
    DocumentId id = memo("Agenda: ", "ann", "bob");
    NodeClient ann = client("ann");
    NodeClient bob = client("bob");
    ann.find(id);
    bob.find(id);

    bob.disconnect();
    bob.type(id, "free", 8, "[bob offline]");
    ann.type(id, "free", 8, "[ann online]");
    ann.waitFor(id, "free", "Agenda: [ann online]");
    bob.splice(id, "free", 0, 0, ">> ");
    bob.reconnect();

    converged(id, ann, bob);
    String text = ann.text(id, "free");
    assertThat(bob.text(id, "free")).isEqualTo(text);
    assertThat(server.text(id, "free")).isEqualTo(text);
    assertThat(text).startsWith(">> Agenda: ");
    assertThat(occurrences(text, "[bob offline]")).isEqualTo(1);
    assertThat(occurrences(text, "[ann online]")).isEqualTo(1);
  }

  // ------------------------------------------------------------------ access

  @Test
  void aReadOnlyClientsChangeIsRefusedWhileItStillSeesTheWritersEdits() {
    DocumentId id = memo("Shared notes.", "ann");
    server.grant("viewer", id, Access.READ);
    NodeClient ann = client("ann");
    NodeClient viewer = client("viewer");
    ann.find(id);
    assertThat(viewer.find(id).getJsonObject("doc").getString("free")).isEqualTo("Shared notes.");

    viewer.splice(id, "free", 0, 0, "DEFACED ");
    viewer.waitError("read-only");
    ann.type(id, "free", 13, " More.");

    assertThat(viewer.waitFor(id, "free", "DEFACED Shared notes. More.")).isNotNull();
    sleep(200);
    assertThat(ann.text(id, "free")).isEqualTo("Shared notes. More.");
    assertThat(server.text(id, "free")).isEqualTo("Shared notes. More.");
  }

  @Test
  void unknownAndForbiddenDocumentsAreUnavailableToTheStockClient() {
    DocumentId forbidden = memo("secret", "bob");
    DocumentId unknown = DocumentId.random();
    NodeClient ann = client("ann");

    assertThatThrownBy(() -> ann.find(forbidden)).isInstanceOf(NodeClient.NodeClientError.class)
        .hasMessageContaining("unavailable");
    assertThatThrownBy(() -> ann.find(unknown)).isInstanceOf(NodeClient.NodeClientError.class)
        .hasMessageContaining("unavailable");
    assertThat(ann.stats().getJsonArray("unavailable")).contains(forbidden.value(), unknown.value());
  }

  // ------------------------------------------------------------------ bad input and presence

  @Test
  void badInputFromAThirdConnectionLeavesTheEditorsUndisturbed() {
    DocumentId id = memo("Typing goes on: ", "ann", "bob", "mallory");
    NodeClient ann = client("ann");
    NodeClient bob = client("bob");
    ann.find(id);
    bob.find(id);
    try (RawRepoClient mallory = RawRepoClient.connect(server, "mallory")) {
      mallory.join();
      mallory.sendBytes(new byte[] {(byte) 0xbf, 0x61}); // truncated CBOR
      mallory.expectError("malformed-cbor");
      mallory.sync(id, HexFormat.of().parseHex("42000001000301000700")); // would divide by zero in automerge 0.5.7
      mallory.expectError("invalid-sync-message");
      mallory.sync(id, new byte[] {0x42, 0, 0, 0, 1, 5, 1, 2, 3, 4, 5});
      mallory.expectError("invalid-sync-message");
      mallory.sync(id, new byte[LIMITS.maxMessageBytes() + 10]);
      mallory.expectError("too-large");
      for (int i = 0; i < 300; i++) {
        mallory.sync(id, new byte[] {0x42, 0, 0, 0, 0});
      }
      ann.type(id, "free", 16, "still");
      bob.waitFor(id, "free", "Typing goes on: still");
      bob.type(id, "free", 21, " fine");
      ann.waitFor(id, "free", "Typing goes on: still fine");
      mallory.awaitError("rate-limited");
      assertThat(mallory.isOpen()).isTrue();
      mallory.sync(id, CrashingChanges.syncMessage()); // makes automerge 0.5.7 panic: only the guard dies
      mallory.awaitError("harmful-changes");
      assertThat(mallory.awaitClose().code()).isEqualTo(dev.kizuna.signaling.CloseCodes.PROTOCOL);
      ann.type(id, "free", 26, "!");
      bob.waitFor(id, "free", "Typing goes on: still fine!");
    }
    converged(id, ann, bob);
    assertThat(server.text(id, "free")).isEqualTo("Typing goes on: still fine!");
    assertThat(ann.stats().getJsonArray("errors")).isEmpty();
    assertThat(bob.stats().getJsonArray("errors")).isEmpty();
  }

  @Test
  void presenceTravelsAsEphemeralMessagesBetweenStockClients() {
    DocumentId id = memo("x", "ann", "bob");
    NodeClient ann = client("ann");
    NodeClient bob = client("bob");
    ann.find(id);
    bob.find(id);

    ann.broadcast(id, new JsonObject().put("cursor", 5).put("name", "Ann"));

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    JsonArray got = bob.ephemeral(id);
    while (got.isEmpty() && System.nanoTime() < deadline) {
      sleep(20);
      got = bob.ephemeral(id);
    }
    assertThat(got).hasSize(1);
    assertThat(got.getJsonObject(0).getString("senderId")).isEqualTo(ann.peerId());
    assertThat(got.getJsonObject(0).getJsonObject("message")).isEqualTo(new JsonObject().put("cursor", 5).put("name", "Ann"));
    assertThat(ann.ephemeral(id)).isEmpty();
  }
}
