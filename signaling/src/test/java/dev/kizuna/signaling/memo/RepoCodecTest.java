package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.memo.DecodeResult.Problem;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wire codec against frames that cbor-x (inside automerge-repo 2.5.6) produced, against its own
 * output, and against bytes that are not messages.
 */
class RepoCodecTest {

  private static final int MAX = 64 * 1024;
  private static final DocumentId DOC = new DocumentId("4DuvTj6TeZk8gA6yjPyZrxkfacRi");

  // cbor.encode({type:"join", senderId:"peer-a", peerMetadata:{storageId:undefined, isEphemeral:true},
  //              supportedProtocolVersions:["1"]}) with automerge-repo's encoder
  private static final String JOIN_FROM_CBOR_X = "b900046474797065646a6f696e6873656e646572496466706565722d61"
      + "6c706565724d65746164617461b900026973746f726167654964f76b6973457068656d6572616cf5781973757070"
      + "6f7274656450726f746f636f6c56657273696f6e73816131";

  private static RepoMessage decoded(byte[] frame) {
    DecodeResult result = RepoCodec.decode(frame, MAX);
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) result).message();
  }

  private static DecodeResult.Invalid invalid(byte[] frame) {
    DecodeResult result = RepoCodec.decode(frame, MAX);
    assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
    return (DecodeResult.Invalid) result;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void aStockClientsJoinDecodesWithUndefinedMetadataAsAbsent() {
    RepoMessage.Join join = (RepoMessage.Join) decoded(hex(JOIN_FROM_CBOR_X));
    assertThat(join.senderId()).isEqualTo("peer-a");
    assertThat(join.supportedProtocolVersions()).containsExactly("1");
    assertThat(join.peerMetadata()).containsEntry("isEphemeral", true);
    assertThat(join.peerMetadata().get("storageId")).isNull();
  }

  @Test
  void aStockClientsEphemeralMessageDecodes() {
    // cbor.encode({type:"ephemeral", targetId:"srv", documentId, data:Uint8Array[1,2], count:3, sessionId:"s1",
    //              senderId:"peer-a"})
    byte[] frame = RepoCodec.encode(new RepoMessage.Ephemeral("peer-a", "srv", DOC, "s1", 3, new byte[] {1, 2}));
    RepoMessage.Ephemeral e = (RepoMessage.Ephemeral) decoded(frame);
    assertThat(e.count()).isEqualTo(3);
    assertThat(e.sessionId()).isEqualTo("s1");
    assertThat(e.data()).containsExactly(1, 2);
    assertThat(e.documentId()).isEqualTo(DOC);
  }

  @Test
  void everyMessageRoundTrips() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("storageId", "store-1");
    metadata.put("isEphemeral", false);
    List<RepoMessage> messages = List.of(
        new RepoMessage.Join("p1", metadata, List.of("1")),
        new RepoMessage.Peer("srv", "p1", metadata, "1"),
        new RepoMessage.Leave("p1"),
        new RepoMessage.Sync("p1", "srv", DOC, new byte[] {0x42, 0, 0, 0, 0}),
        new RepoMessage.Request("p1", "srv", DOC, new byte[] {0x42, 0, 0, 1, 0, 0, 0}),
        new RepoMessage.DocUnavailable("srv", "p1", DOC),
        new RepoMessage.Ephemeral("p1", "srv", DOC, "session", Long.MAX_VALUE, new byte[0]),
        new RepoMessage.Error("srv", "p1", "no", "read-only"),
        new RepoMessage.RemoteSubscriptionChange("p1", "srv", List.of("a"), List.of()),
        new RepoMessage.RemoteHeadsChanged("p1", "srv", DOC, Map.of("store-1", Map.of("heads", List.of("h"),
            "timestamp", 5L))));
    for (RepoMessage m : messages) {
      RepoMessage back = decoded(RepoCodec.encode(m));
      assertThat(back).usingRecursiveComparison().as(m.type()).isEqualTo(m);
    }
  }

  @Test
  void errorsWithoutTargetOmitIt() {
    RepoMessage.Error e = (RepoMessage.Error) decoded(RepoCodec.encode(new RepoMessage.Error("srv", null, "x", null)));
    assertThat(e.targetId()).isNull();
    assertThat(e.code()).isNull();
  }

  @Test
  void textThatIsNotStrictUtf8IsMalformed() {
    // {"type": "join", "senderId": <text>}, and the same text as a key
    for (String text : List.of("62c080", "63eda080", "64f4908080", "63e08080", "61ff")) {
      assertThat(invalid(hex("a2647479706564" + "6a6f696e" + "6873656e6465724964" + text)).problem())
          .as(text).isEqualTo(Problem.MALFORMED_CBOR);
      assertThat(invalid(hex("a3647479706564" + "6a6f696e" + "6873656e6465724964" + "6161" + text + "6161"))
          .problem()).as("key " + text).isEqualTo(Problem.MALFORMED_CBOR);
    }
    RepoMessage.Join join = (RepoMessage.Join) decoded(hex("a2647479706564" + "6a6f696e" + "6873656e6465724964"
        + "66" + "c3a9" + "f09f9880"));
    assertThat(join.senderId()).isEqualTo("\u00e9\ud83d\ude00");
  }

  @Test
  void anEchoedDocumentIdIsCutWithoutSplittingACharacter() {
    String id = "a".repeat(63) + "\ud83d\ude00".repeat(10);
    DecodeResult.Invalid refused = invalid(TestCbor.encode(Map.of("type", "sync", "senderId", "p", "targetId", "s",
        "documentId", id, "data", new byte[0])));
    assertThat(refused.problem()).isEqualTo(Problem.BAD_DOCUMENT_ID);
    RepoMessage echoed = decoded(RepoCodec.encode(new RepoMessage.Error("srv", "p", refused.detail(), "x")));
    assertThat(((RepoMessage.Error) echoed).message()).contains("a".repeat(63) + "...");
  }

  @Test
  void malformedCborIsRefused() {
    byte[] join = hex(JOIN_FROM_CBOR_X);
    assertThat(invalid(java.util.Arrays.copyOf(join, join.length - 3)).problem()).isEqualTo(Problem.MALFORMED_CBOR);
    byte[] trailing = java.util.Arrays.copyOf(join, join.length + 1);
    assertThat(invalid(trailing).problem()).isEqualTo(Problem.MALFORMED_CBOR);
    assertThat(invalid(new byte[0]).problem()).isEqualTo(Problem.MALFORMED_CBOR);
    assertThat(invalid(hex("ff")).problem()).isEqualTo(Problem.MALFORMED_CBOR);
    // {"type":"join","type":"peer"}: duplicate keys
    assertThat(invalid(hex("a2647479706564" + "6a6f696e" + "6474797065" + "6470656572")).problem())
        .isEqualTo(Problem.MALFORMED_CBOR);
    // nine nested arrays inside the map
    assertThat(invalid(hex("a1617889" + "81".repeat(8) + "00")).problem()).isEqualTo(Problem.MALFORMED_CBOR);
  }

  @Test
  void wellFormedCborThatIsNoMessageIsRefused() {
    assertThat(invalid(hex("83010203")).problem()).isEqualTo(Problem.BAD_MESSAGE); // [1,2,3]
    assertThat(invalid(hex("a0")).problem()).isEqualTo(Problem.BAD_MESSAGE); // {}
    assertThat(invalid(hex("a1647479706501")).problem()).isEqualTo(Problem.BAD_MESSAGE); // {type:1}
    assertThat(invalid(hex("a16474797065646875676f")).problem()).isEqualTo(Problem.UNKNOWN_TYPE); // {type:"hugo"}
    // sync without data
    assertThat(invalid(syncWith("data", "text")).problem()).isEqualTo(Problem.BAD_MESSAGE);
    assertThat(invalid(syncWith("documentId", "not-a-doc-id")).problem()).isEqualTo(Problem.BAD_DOCUMENT_ID);
    assertThat(invalid(syncWith("senderId", "")).problem()).isEqualTo(Problem.BAD_MESSAGE);
    assertThat(invalid(syncWith("senderId", "x".repeat(1000))).problem()).isEqualTo(Problem.BAD_MESSAGE);
    assertThat(invalid(syncWith("targetId", null)).problem()).isEqualTo(Problem.BAD_MESSAGE);
  }

  /** A sync message with one field replaced ({@code null} removes it), encoded by hand. */
  private static byte[] syncWith(String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "sync");
    m.put("senderId", "p1");
    m.put("targetId", "srv");
    m.put("documentId", DOC.value());
    m.put("data", new byte[] {1});
    m.put(field, value);
    m.values().removeIf(v -> v == null);
    return TestCbor.encode(m);
  }

  @Test
  void framesOverTheLimitAreRefusedUnread() {
    byte[] big = RepoCodec.encode(new RepoMessage.Sync("p1", "srv", DOC, new byte[MAX]));
    assertThat(invalid(big).problem()).isEqualTo(Problem.TOO_LARGE);
  }

  @Test
  void randomAndMutatedBytesNeverThrow() {
    Random random = new Random(42);
    byte[] valid = RepoCodec.encode(new RepoMessage.Ephemeral("p1", "srv", DOC, "s", 1, new byte[] {1, 2, 3}));
    for (int i = 0; i < 20_000; i++) {
      byte[] frame;
      if (i % 2 == 0) {
        frame = new byte[random.nextInt(64)];
        random.nextBytes(frame);
      } else {
        frame = valid.clone();
        for (int k = 0; k <= random.nextInt(4); k++) {
          frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
      }
      assertThat(RepoCodec.decode(frame, MAX)).isNotNull();
    }
  }
}
