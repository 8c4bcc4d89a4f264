package dev.kizuna.signaling.memo.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kizuna.signaling.memo.impl.AutomergeSyncMessage.InvalidSyncMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.SyncState;
import org.automerge.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java-side reader and rewriter of Automerge sync messages. */
class AutomergeSyncMessageTest {

  // A stock @automerge/automerge 3.5.0 client's first message for a document it lacks:
  // no heads, no need, one empty have, no changes, capabilities [0x02 (v2), 0x84].
  private static final String JS_EMPTY_REQUEST = "42000001000000020284";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static AutomergeSyncMessage parse(byte[] data) throws InvalidSyncMessage {
    return AutomergeSyncMessage.parse(data, 1 << 20);
  }

  private static Document typed(int edits) {
    Document doc = new Document();
    ObjectId text;
    try (Transaction tx = doc.startTransaction()) {
      text = tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
      tx.commit();
    }
    for (int i = 0; i < edits; i++) {
      try (Transaction tx = doc.startTransaction()) {
        tx.spliceText(text, i, 0, "k");
        tx.commit();
      }
    }
    return doc;
  }

  @Test
  void aStockClientsFirstMessageAdvertisesV2() throws Exception {
    AutomergeSyncMessage m = parse(hex(JS_EMPTY_REQUEST));
    assertThat(m.version()).isEqualTo(AutomergeSyncMessage.V1);
    assertThat(m.heads()).isEmpty();
    assertThat(m.hasChanges()).isFalse();
    assertThat(m.acceptsV2()).isTrue();
  }

  @Test
  void messagesWithoutCapabilitiesDoNotAcceptV2() throws Exception {
    assertThat(parse(hex("4200000100000000")).acceptsV2()).isFalse();
    assertThat(parse(hex("42000000" + "00")).acceptsV2()).isFalse();
  }

  @Test
  void theWholeDocumentReplacesAnAnswerFullOfChangesAndLoadsIntoAStalePeer() throws Exception {
    Document server = typed(0);
    ChangeHash[] start = server.getHeads();
    try (Transaction tx = server.startTransaction()) {
      tx.set(ObjectId.ROOT, "n", 1);
      tx.commit();
    }
    ObjectId text = ((org.automerge.AmValue.Text) server.get(ObjectId.ROOT, "free").orElseThrow()).getId();
    for (int i = 0; i < 300; i++) {
      try (Transaction tx = server.startTransaction()) {
        tx.spliceText(text, i, 0, "z");
        tx.commit();
      }
    }
    Document stale = server.fork(start);
    SyncState staleState = new SyncState();
    SyncState serverState = new SyncState();
    server.receiveSyncMessage(serverState, stale.generateSyncMessage(staleState).orElseThrow());
    byte[] answer = server.generateSyncMessage(serverState).orElseThrow();
    AutomergeSyncMessage parsed = parse(answer);
    assertThat(parsed.carriesDocument()).isFalse();
    byte[] saved = server.save();
    assertThat(parsed.changeBytes()).isGreaterThan(saved.length * 10L);

    byte[] rewritten = parsed.withWholeDocument(saved);

    assertThat(rewritten.length).isLessThan(answer.length / 10);
    AutomergeSyncMessage again = parse(rewritten);
    assertThat(again.version()).isEqualTo(AutomergeSyncMessage.V2);
    assertThat(again.carriesDocument()).isTrue();
    stale.receiveSyncMessage(staleState, rewritten);
    assertThat(stale.getHeads()).containsExactlyInAnyOrder(server.getHeads());
    assertThat(stale.text(text).orElseThrow()).hasSize(300);
  }

  @Test
  void anEmptyPeerGetsTheDocumentWithoutABloomFilterOverEveryChange() throws Exception {
    Document server = typed(2_000);
    SyncState serverState = new SyncState();
    server.receiveSyncMessage(serverState, hex(JS_EMPTY_REQUEST));
    byte[] answer = server.generateSyncMessage(serverState).orElseThrow();
    AutomergeSyncMessage parsed = parse(answer);
    assertThat(parsed.carriesDocument()).as("automerge 0.5.7 already sends the document").isTrue();

    byte[] rewritten = parsed.withWholeDocument(server.save());

    assertThat(answer.length).as("but with a Bloom filter of 10 bits per change").isGreaterThan(2_500);
    assertThat(rewritten.length).isLessThan(answer.length / 5);
    Document empty = new Document();
    SyncState emptyState = new SyncState();
    empty.receiveSyncMessage(emptyState, rewritten);
    assertThat(empty.getHeads()).containsExactlyInAnyOrder(server.getHeads());
    // the peer's answer needs nothing more from the server
    server.receiveSyncMessage(serverState, empty.generateSyncMessage(emptyState).orElseThrow());
    assertThat(server.generateSyncMessage(serverState)).isEmpty();
  }

  @Test
  void deflatedChangesAreCheckedAfterBoundedInflation() throws Exception {
    Document doc = typed(0); // one change
    byte[] change = doc.encodeChangesSince(new ChangeHash[0]);
    // change = magic(4) checksum(4) type(1)=1 leb(len) body; rebuild it as a compressed (type 2) chunk
    byte[] body = Arrays.copyOfRange(change, 9 + lebSize(change, 9), change.length);
    byte[] compressed = deflate(body);
    byte[] chunk = chunk(Arrays.copyOfRange(change, 4, 8), 2, compressed);

    AutomergeSyncMessage ok = parse(message(chunk));
    assertThat(ok.expandedChangeBytes()).isEqualTo(body.length);
    Document other = new Document();
    other.applyEncodedChanges(chunk);
    assertThat(other.getHeads()).containsExactly(doc.getHeads());

    byte[] bomb = chunk(new byte[4], 2, deflate(new byte[4 << 20]));
    assertThatThrownBy(() -> AutomergeSyncMessage.parse(message(bomb), 1 << 20))
        .isInstanceOfSatisfying(InvalidSyncMessage.class, e -> assertThat(e.tooLarge()).isTrue());
    byte[] wrongChecksum = chunk(new byte[] {1, 2, 3, 4}, 2, compressed);
    assertThatThrownBy(() -> parse(message(wrongChecksum))).isInstanceOf(InvalidSyncMessage.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "41",                                   // unknown type byte
      "42",                                   // truncated
      "42ff",                                 // count without bytes
      "42000001000301000700",                 // bloom: entries but zero bits per entry
      "420000010004010a4100" + "00",          // bloom: 65 probes
      "420000010005020a0700" + "00",          // bloom: bits shorter than its parameters
      "420000020000000000" + "00",            // two haves
      "42000000" + "0100",                    // empty change
      "42000000" + "0109" + "856f4a8300000000" + "01", // truncated chunk header
      "42000000" + "010a" + "856f4a83000000000400",    // bundle chunk
      "42000000" + "010a" + "000000000000000001" + "00", // no magic
      "4280808080808080808080" })             // LEB128 overflow
  void malformedMessagesAreRefused(String hexMessage) {
    assertThatThrownBy(() -> parse(hex(hexMessage))).isInstanceOf(InvalidSyncMessage.class);
  }

  @Test
  void bytesAfterTheCapabilitiesAreIgnoredForForwardCompatibility() throws Exception {
    assertThat(parse(hex(JS_EMPTY_REQUEST + "0707")).acceptsV2()).isTrue();
  }

  private static int lebSize(byte[] data, int at) {
    int n = 1;
    while ((data[at + n - 1] & 0x80) != 0) {
      n++;
    }
    return n;
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] chunk(byte[] checksum, int type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x85, 0x6f, 0x4a, (byte) 0x83});
    out.writeBytes(checksum);
    out.write(type);
    AutomergeSyncMessage.writeLeb(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** A v1 message carrying {@code chunk} as its only change. */
  private static byte[] message(byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x42, 0, 0, 0, 1});
    AutomergeSyncMessage.writeLeb(out, chunk.length);
    out.writeBytes(chunk);
    return out.toByteArray();
  }
}
