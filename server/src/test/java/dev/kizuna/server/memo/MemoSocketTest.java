package dev.kizuna.server.memo;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /ws/memo} on a whole node, driven by stock automerge-repo clients (Node): the pair
 * syncs, the server keeps the plain-text rendering, and every document is refused to whoever
 * may not read it. The sync protocol itself is tested in the signaling module.
 */
class MemoSocketTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private final List<NodeClient> clients = new ArrayList<>();
  private Duo duo;
  private String meetingId;

  @BeforeAll
  static void bootNodeClients() {
    NodeClient.prewarm(2);
  }

  @BeforeEach
  void plannedMeeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  @AfterEach
  void closeClients() {
    clients.forEach(NodeClient::close);
  }

  private NodeClient client(String name, Api api) {
    var response = api.post("/api/tokens", null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    String token = response.bodyAsJsonObject().getString("token");
    NodeClient client = NodeClient.connect(name, "ws://127.0.0.1:" + node.port() + "/ws/memo?access_token=" + token);
    clients.add(client);
    return client;
  }

  private JsonObject meeting(Api api) {
    return api.get("/api/meetings/" + meetingId).bodyAsJsonObject();
  }

  private static DocumentId document(JsonObject meeting, String field) {
    return DocumentId.fromUrl(meeting.getJsonObject(field).getString("documentUrl")).orElseThrow();
  }

  @Test
  @DisplayName("what one of the pair types reaches the other and the server's plain-text rendering")
  void thePairSyncs() {
    DocumentId memo = document(meeting(duo.memberApi()), "memo");
    NodeClient member = client("member", duo.memberApi());
    NodeClient manager = client("manager", duo.managerApi());
    member.find(memo);
    manager.find(memo);

    member.type(memo, "free", 0, "Try pairing on Tuesdays");
    member.waitAcknowledged(memo);
    manager.waitFor(memo, "free", "Try pairing on Tuesdays");

    JsonObject rendered = duo.managerApi().get("/api/meetings/" + meetingId + "/memo").bodyAsJsonObject();
    assertThat(rendered.getJsonObject("document").getString("free")).isEqualTo("Try pairing on Tuesdays");
    assertThat(rendered.getString("text")).contains("Try pairing on Tuesdays");
  }

  @Test
  @DisplayName("private notes load only for their owner; the other party gets doc-unavailable")
  void privateNotesAreTheOwnersAlone() {
    DocumentId memberNotes = document(meeting(duo.memberApi()), "privateNotes");
    DocumentId managerNotes = document(meeting(duo.managerApi()), "privateNotes");
    NodeClient member = client("member", duo.memberApi());
    NodeClient manager = client("manager", duo.managerApi());

    member.find(memberNotes);
    member.type(memberNotes, "notes", 0, "ask about the move");
    member.waitAcknowledged(memberNotes);

    assertThatThrownBy(() -> manager.find(memberNotes)).isInstanceOf(NodeClient.NodeClientError.class);
    assertThatThrownBy(() -> member.find(managerNotes)).isInstanceOf(NodeClient.NodeClientError.class);
    assertThat(manager.stats().getJsonArray("unavailable")).contains(memberNotes.toString());
    assertThat(member.stats().getJsonArray("unavailable")).contains(managerNotes.toString());
  }

  @Test
  @DisplayName("someone outside the pair cannot load the shared memo, and the pair keeps editing")
  void outsidersAreRefused() {
    DocumentId memo = document(meeting(duo.memberApi()), "memo");
    Api outsiderApi = node.login(node.createUser("Outsider Oda", "MEMBER"));
    NodeClient member = client("member", duo.memberApi());
    NodeClient outsider = client("outsider", outsiderApi);
    member.find(memo);

    assertThatThrownBy(() -> outsider.find(memo)).isInstanceOf(NodeClient.NodeClientError.class);
    assertThat(outsider.stats().getJsonArray("unavailable")).contains(memo.toString());

    member.type(memo, "free", 0, "still here");
    member.waitAcknowledged(memo);
    assertThat(duo.memberApi().get("/api/meetings/" + meetingId + "/memo").bodyAsJsonObject()
        .getJsonObject("document").getString("free")).isEqualTo("still here");
  }

  @Test
  @DisplayName("a memo socket without a session cookie or token is closed with 4401, a wrong token too")
  void unauthenticatedSocketsAreClosed() {
    try (RoomClient anonymous = node.socket("/ws/memo", Map.of());
        RoomClient guessed = node.socket("/ws/memo?access_token=not-a-token", Map.of())) {
      assertThat(anonymous.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
      assertThat(guessed.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
    }
  }
}
