package dev.kizuna.server.share;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.MemoTyping;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.transcript.TranscriptSegment;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Automatic sharing by a pair's rules when a summary is accepted (with the real embedded summariser),
 * and the handover of a member's memo history to a new manager with the member's consent.
 */
class RulesAndHandoverTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  @BeforeAll
  static void bootNodeClients() {
    NodeClient.prewarm(1);
  }

  private static JsonArray sharedWith(Api api) {
    HttpResponse<Buffer> response = api.get("/api/me/shared");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  private static JsonArray rules(Api api, String pairId) {
    HttpResponse<Buffer> response = api.get("/api/pairs/" + pairId + "/share-rules");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  @Test
  @DisplayName("the member's rule shares every accepted memo with HR once, however often it is accepted; either party removes the rule")
  void ruleSharesAcceptedMemos() {
    Duo duo = node.duo("ja");
    Account hr = node.createUser("Hiro HR", "ja", new String[] {"HR"});
    Api hrApi = node.login(hr);
    String rulesPath = "/api/pairs/" + duo.pairId() + "/share-rules";
    assertProblem(duo.managerApi().put(rulesPath, new JsonObject().put("recipientId", hr.id())), 403);
    assertProblem(duo.memberApi().put(rulesPath, new JsonObject().put("recipientId", duo.manager().id())), 422);
    assertProblem(duo.memberApi().put(rulesPath, new JsonObject()), 400);
    HttpResponse<Buffer> put = duo.memberApi().put(rulesPath, new JsonObject().put("recipientEmail", hr.email()));
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    JsonArray set = rules(duo.managerApi(), duo.pairId());
    assertThat(set).hasSize(1);
    assertThat(set.getJsonObject(0).getString("recipientName")).isEqualTo("Hiro HR");
    assertThat(set.getJsonObject(0).getBoolean("includeTranscript")).isFalse();

    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    MemoTyping.type(node, duo.memberApi(), meetingId, "free", "来月から新しいチームに参加する");
    TranscriptRepository transcripts = new TranscriptRepository(node.store());
    await(transcripts.insert(new TranscriptSegment(meetingId, duo.member().id(), ParticipantRole.MEMBER,
        "来月から新しいチームに参加するので不安があります", 0, 4_000, 0.9, new JsonArray(), Instant.now())));
    await(transcripts.insert(new TranscriptSegment(meetingId, duo.manager().id(), ParticipantRole.MANAGER,
        "一緒に準備を考えましょう", 5_000, 8_000, 0.9, new JsonArray(), Instant.now())));
    assertThat(duo.memberApi().post("/api/meetings/" + meetingId + "/end", null).statusCode()).isEqualTo(200);
    Await.until("a proposed summary", Duration.ofSeconds(60),
        () -> duo.memberApi().get("/api/meetings/" + meetingId + "/memo").bodyAsJsonObject(),
        memo -> memo.getValue("summary") != null);
    assertThat(sharedWith(hrApi)).as("nothing is shared before acceptance").isEmpty();

    HttpResponse<Buffer> accepted = duo.managerApi().post("/api/meetings/" + meetingId + "/summary/accept", null);
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    JsonArray shared = sharedWith(hrApi);
    assertThat(shared).hasSize(1);
    JsonObject share = shared.getJsonObject(0);
    assertThat(share.getString("meetingId")).isEqualTo(meetingId);
    assertThat(share.getString("source")).isEqualTo("RULE");
    assertThat(share.getString("createdBy")).isEqualTo(duo.member().id());
    JsonObject read = hrApi.get("/api/shares/" + share.getString("id")).bodyAsJsonObject();
    assertThat(read.getString("memo")).contains("来月から新しいチームに参加する");
    assertThat(read.containsKey("transcript")).isFalse();

    assertThat(duo.memberApi().post("/api/meetings/" + meetingId + "/summary/accept", null).statusCode()).isEqualTo(200);
    assertThat(sharedWith(hrApi)).as("accepting again shares nothing twice").hasSize(1);
    assertThat(hrApi.get("/api/me/notifications").bodyAsJsonArray()).hasSize(1);

    HttpResponse<Buffer> removed = duo.managerApi().delete(rulesPath + "/" + hr.id());
    assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(200);
    assertThat(removed.bodyAsJsonArray()).isEmpty();
    assertProblem(duo.managerApi().delete(rulesPath + "/" + hr.id()), 404);
    assertThat(sharedWith(hrApi)).as("shares already made stay until revoked").hasSize(1);
  }

  @Test
  @DisplayName("a handover gives the new manager the member's ended memos with the old manager, only once the member consents")
  void handoverWithConsent() {
    Duo duo = node.duo();
    String ended = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    MemoTyping.type(node, duo.memberApi(), ended, "free", "Wants to move towards data engineering");
    assertThat(duo.memberApi().post("/api/meetings/" + ended + "/end", null).statusCode()).isEqualTo(200);
    String planned = createMeeting(duo.memberApi(), duo.pairId()).getString("id");

    Account newManager = node.createUser("New Manager Nao", "MANAGER");
    Api newManagerApi = node.login(newManager);
    String newPair = node.createPair(newManager.id(), duo.member().id()).getString("id");
    assertProblem(newManagerApi.get("/api/meetings/" + ended), 403);
    assertThat(sharedWith(newManagerApi)).as("nothing before the member consents").isEmpty();

    String handover = "/api/pairs/" + duo.pairId() + "/handover";
    Duo strangers = node.duo();
    assertProblem(duo.memberApi().post(handover, new JsonObject().put("toPairId", strangers.pairId())), 422);
    assertProblem(duo.memberApi().post(handover, new JsonObject().put("toPairId", duo.pairId())), 422);
    assertProblem(duo.memberApi().post(handover, new JsonObject().put("toPairId", "no-such-pair")), 422);
    assertProblem(duo.managerApi().post(handover, new JsonObject().put("toPairId", newPair)), 403);
    assertProblem(newManagerApi.post(handover, new JsonObject().put("toPairId", newPair)), 403);

    HttpResponse<Buffer> done = duo.memberApi().post(handover, new JsonObject().put("toPairId", newPair));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getString("newManagerId")).isEqualTo(newManager.id());
    List<String> meetings = done.bodyAsJsonObject().getJsonArray("shares").stream()
        .map(o -> ((JsonObject) o).getString("meetingId")).toList();
    assertThat(meetings).containsExactly(ended).doesNotContain(planned);
    JsonArray shared = sharedWith(newManagerApi);
    assertThat(shared).hasSize(1);
    assertThat(shared.getJsonObject(0).getString("source")).isEqualTo("HANDOVER");
    JsonObject read = newManagerApi.get("/api/shares/" + shared.getJsonObject(0).getString("id")).bodyAsJsonObject();
    assertThat(read.getString("memo")).contains("Wants to move towards data engineering");
    assertProblem(newManagerApi.get("/api/meetings/" + ended), 403);

    JsonArray views = duo.memberApi().get("/api/meetings/" + ended + "/shares").bodyAsJsonArray()
        .getJsonObject(0).getJsonArray("views");
    assertThat(views).hasSize(1);
    assertThat(views.getJsonObject(0).getString("viewerId")).isEqualTo(newManager.id());
    HttpResponse<Buffer> again = duo.memberApi().post(handover, new JsonObject().put("toPairId", newPair));
    assertThat(again.bodyAsJsonObject().getJsonArray("shares")).as("nothing handed over twice").isEmpty();
  }
}
