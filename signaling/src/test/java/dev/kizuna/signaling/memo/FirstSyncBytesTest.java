package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Bytes the server sends to bring a stock client up to date, with and without whole-document
 * sync. Printed for the record (docs/BENCHMARKS.md) and bounded by assertions.
 */
class FirstSyncBytesTest {

  private static final int EDITS = 5_000;

  record Measured(long bytes, long frames) {}

  private static Measured firstSync(boolean wholeDocument) {
    try (MemoTestServer server = new MemoTestServer(MemoOptions.defaults().withWholeDocumentSync(wholeDocument),
        MemoLimits.DEFAULT)) {
      DocumentId id = server.createMemo(EDITS);
      server.grant("ann", id, Access.WRITE);
      try (NodeClient ann = NodeClient.connect("ann", server.url("ann"))) {
        ann.resetStats();
        JsonObject found = ann.find(id);
        ann.waitHeads(id, new JsonArray(server.heads(id)));
        assertThat(found.getJsonObject("doc").getString("free")).hasSize(EDITS);
        quiet();
        JsonObject stats = ann.stats();
        // the sync states on both sides stay consistent: an edit still reaches the server
        ann.splice(id, "free", 0, 0, "X");
        String expected = "X" + found.getJsonObject("doc").getString("free");
        waitServerText(server, id, expected);
        return new Measured(stats.getLong("bytesIn"), stats.getLong("framesIn"));
      }
    }
  }

  private static Measured staleReconnect(boolean wholeDocument, int typed) {
    try (MemoTestServer server = new MemoTestServer(MemoOptions.defaults().withWholeDocumentSync(wholeDocument),
        MemoLimits.DEFAULT)) {
      DocumentId id = server.createMemo(0);
      server.grant("ann", id, Access.WRITE);
      server.grant("bob", id, Access.WRITE);
      try (NodeClient ann = NodeClient.connect("ann", server.url("ann"));
          NodeClient bob = NodeClient.connect("bob", server.url("bob"))) {
        ann.find(id);
        bob.find(id);
        ann.disconnect();
        String text = "x".repeat(typed);
        bob.type(id, "free", 0, text);
        bob.waitHeads(id, new JsonArray(waitServerText(server, id, text)));
        ann.resetStats();
        ann.reconnect();
        ann.waitFor(id, "free", text);
        quiet();
        JsonObject stats = ann.stats();
        return new Measured(stats.getLong("bytesIn"), stats.getLong("framesIn"));
      }
    }
  }

  private static java.util.List<String> waitServerText(MemoTestServer server, DocumentId id, String text) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!text.equals(server.text(id, "free"))) {
      assertThat(System.nanoTime()).as("server got the typed text").isLessThan(deadline);
      sleep(20);
    }
    return server.heads(id);
  }

  private static void quiet() {
    sleep(400); // let trailing sync rounds (automerge-repo throttles them to 100 ms) arrive
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anEmptyClientGetsA5000EditMemoInAFewKilobytes() {
    Measured naive = firstSync(false);
    Measured whole = firstSync(true);
    System.out.printf("first sync of a %d-edit memo: automerge 0.5.7 as is %d bytes in %d frames; "
        + "whole document %d bytes in %d frames%n", EDITS, naive.bytes(), naive.frames(), whole.bytes(), whole.frames());
    assertThat(whole.bytes()).isLessThan(2_000);
    assertThat(naive.bytes()).isGreaterThan(whole.bytes() * 3);
  }

  @Test
  void aClientThatMissed2000EditsCatchesUpWithTheDocumentNotTheChanges() {
    Measured naive = staleReconnect(false, 2_000);
    Measured whole = staleReconnect(true, 2_000);
    System.out.printf("reconnect after missing 2000 typed edits: automerge 0.5.7 as is %d bytes in %d frames; "
        + "whole document %d bytes in %d frames%n", naive.bytes(), naive.frames(), whole.bytes(), whole.frames());
    assertThat(whole.bytes()).isLessThan(10_000);
    assertThat(naive.bytes()).isGreaterThan(100_000);
  }
}
