package dev.kizuna.server.memo;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The memo's HTTP side: document URLs on the meeting, {@code GET .../memo}, and items following the agenda. */
class MemoRoutesTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private Duo duo;
  private String meetingId;

  @BeforeEach
  void plannedMeeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  private JsonObject meeting(Api api) {
    return api.get("/api/meetings/" + meetingId).bodyAsJsonObject();
  }

  private JsonObject memo(Api api) {
    var response = api.get("/api/meetings/" + meetingId + "/memo");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private void putAgenda(JsonObject... items) {
    var response = duo.memberApi().put("/api/meetings/" + meetingId + "/agenda", new JsonObject().put("items", new JsonArray(java.util.List.of((Object[]) items))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private static JsonObject item(String topic, String expectation) {
    return new JsonObject().put("topic", topic).put("expectation", expectation);
  }

  @Test
  @DisplayName("both sides get the same shared memo URL and each their own private notes URL")
  void documentUrls() {
    JsonObject forMember = meeting(duo.memberApi());
    JsonObject forManager = meeting(duo.managerApi());

    String shared = forMember.getJsonObject("memo").getString("documentUrl");
    assertThat(shared).startsWith("automerge:");
    assertThat(forManager.getJsonObject("memo").getString("documentUrl")).isEqualTo(shared);
    String memberNotes = forMember.getJsonObject("privateNotes").getString("documentUrl");
    String managerNotes = forManager.getJsonObject("privateNotes").getString("documentUrl");
    assertThat(memberNotes).startsWith("automerge:").isNotEqualTo(managerNotes).isNotEqualTo(shared);
    assertThat(meeting(duo.memberApi()).getJsonObject("memo").getString("documentUrl"))
        .as("the memo is created once").isEqualTo(shared);
  }

  @Test
  @DisplayName("the memo of a new meeting has the protocol's sections and an item per agenda topic, and empty text")
  void newMemo() {
    putAgenda(item("CAREER", "THINK_TOGETHER"), item("WORK", "ADVICE"));

    JsonObject memo = memo(duo.managerApi());

    JsonObject document = memo.getJsonObject("document");
    assertThat(document.getJsonArray("items")).containsExactly(
        item("CAREER", "THINK_TOGETHER").put("notes", ""), item("WORK", "ADVICE").put("notes", ""));
    assertThat(document.getJsonObject("keepInMind").fieldNames()).containsExactlyInAnyOrder("member", "manager");
    assertThat(document.getString("free")).isEmpty();
    assertThat(memo.getString("text")).isEmpty();
    assertThat(memo.containsKey("summary")).isTrue();
  }

  @Test
  @DisplayName("changing the agenda before the meeting reshapes the existing memo's items")
  void itemsFollowTheAgenda() {
    putAgenda(item("CAREER", "THINK_TOGETHER"), item("WORK", "ADVICE"));
    assertThat(memo(duo.memberApi()).getJsonObject("document").getJsonArray("items")).hasSize(2);

    putAgenda(item("POLICY", "OPINION"), item("CAREER", "LISTEN"));

    assertThat(memo(duo.memberApi()).getJsonObject("document").getJsonArray("items")).containsExactly(
        item("POLICY", "OPINION").put("notes", ""), item("CAREER", "LISTEN").put("notes", ""));
  }

  @Test
  @DisplayName("outsiders get 403 for the memo, unknown meetings 404, and no session 401")
  void memoIsThePairs() {
    Api outsider = node.login(node.createUser("Memo Outsider", "MANAGER"));

    assertProblem(outsider.get("/api/meetings/" + meetingId + "/memo"), 403);
    assertProblem(duo.memberApi().get("/api/meetings/nope/memo"), 404);
    assertProblem(node.anonymous().get("/api/meetings/" + meetingId + "/memo"), 401);
  }
}
