package dev.kizuna.server.agenda;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /api/meetings/{id}/agenda}: who may set it, what it may hold, and until when. */
class AgendaTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private Duo duo;
  private String meetingId;

  @BeforeEach
  void plannedMeeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  private static JsonObject item(String topic, String expectation) {
    return new JsonObject().put("topic", topic).put("expectation", expectation);
  }

  private static JsonObject agenda(JsonObject... items) {
    return new JsonObject().put("items", new JsonArray(java.util.List.of((Object[]) items)));
  }

  private HttpResponse<Buffer> putAgenda(Api api, JsonObject agenda) {
    return api.put("/api/meetings/" + meetingId + "/agenda", agenda);
  }

  private JsonArray storedItems() {
    return duo.managerApi().get("/api/meetings/" + meetingId).bodyAsJsonObject().getJsonObject("agenda").getJsonArray("items");
  }

  @Test
  @DisplayName("the member sets the agenda (200) and the manager reads the items, expectations and notes in order")
  void memberSetsAndManagerReads() {
    Instant before = Instant.now().minusSeconds(1);
    JsonObject agenda = agenda(
        item("CAREER", "THINK_TOGETHER").put("note", "次の四半期の目標について"),
        item("CONDITION", "LISTEN"),
        item("WORK", "ADVICE").put("note", "code review load"));

    HttpResponse<Buffer> response = putAgenda(duo.memberApi(), agenda);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject answered = response.bodyAsJsonObject();
    assertThat(answered.getString("yourRole")).isEqualTo("MEMBER");
    assertThat(answered.getString("status")).isEqualTo("PLANNED");
    assertThat(answered.getJsonObject("agenda").getJsonArray("items")).isEqualTo(agenda.getJsonArray("items"));
    assertThat(Instant.parse(answered.getJsonObject("agenda").getString("updatedAt"))).isBetween(before, Instant.now().plusSeconds(1));

    JsonObject seenByManager = duo.managerApi().get("/api/meetings/" + meetingId).bodyAsJsonObject();
    assertThat(seenByManager.getString("yourRole")).isEqualTo("MANAGER");
    assertThat(seenByManager.getJsonObject("agenda")).isEqualTo(answered.getJsonObject("agenda"));
  }

  @Test
  @DisplayName("a new agenda replaces the old one entirely, and an empty one clears it")
  void putReplaces() {
    putAgenda(duo.memberApi(), agenda(item("WORK", "REPORT"), item("SKILLS", "OPINION")));

    assertThat(putAgenda(duo.memberApi(), agenda(item("POLICY", "OPINION"))).statusCode()).isEqualTo(200);
    assertThat(storedItems()).isEqualTo(new JsonArray().add(item("POLICY", "OPINION")));

    assertThat(putAgenda(duo.memberApi(), agenda()).statusCode()).isEqualTo(200);
    assertThat(storedItems().getList()).isEmpty();
  }

  @Test
  @DisplayName("a blank note is dropped rather than stored")
  void blankNoteIsDropped() {
    HttpResponse<Buffer> response = putAgenda(duo.memberApi(), agenda(item("OTHER", "OTHER").put("note", "   ")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(storedItems().getJsonObject(0).containsKey("note")).isFalse();
  }

  @Test
  @DisplayName("the manager may not set the member's agenda (403) and it stays unchanged")
  void managerMayNotSetTheAgenda() {
    putAgenda(duo.memberApi(), agenda(item("WORK", "LISTEN")));

    assertProblem(putAgenda(duo.managerApi(), agenda(item("POLICY", "REPORT"))), 403);

    assertThat(storedItems()).isEqualTo(new JsonArray().add(item("WORK", "LISTEN")));
  }

  @Test
  @DisplayName("someone outside the pair may not set the agenda (403); an unknown meeting is 404")
  void outsiderMayNotSetTheAgenda() {
    Api outsider = node.login(node.createUser("Agenda Outsider", "MANAGER"));

    assertProblem(putAgenda(outsider, agenda(item("WORK", "LISTEN"))), 403);
    assertProblem(outsider.put("/api/meetings/no-such-meeting/agenda", agenda(item("WORK", "LISTEN"))), 404);

    assertThat(storedItems().getList()).isEmpty();
  }

  @Test
  @DisplayName("an agenda naming a topic twice is refused with 400 naming the topic")
  void duplicateTopicIsRefused() {
    JsonObject problem = assertProblem(putAgenda(duo.memberApi(), agenda(item("CAREER", "LISTEN"), item("CAREER", "ADVICE"))), 400);

    assertThat(problem.getString("detail")).contains("CAREER");
    assertThat(storedItems().getList()).isEmpty();
  }

  @Test
  @DisplayName("an agenda of 9 items is refused with 400, one of all 8 topics is accepted")
  void atMostEightItems() {
    JsonArray all = new JsonArray();
    for (Topic topic : Topic.values()) {
      all.add(item(topic.name(), "LISTEN"));
    }
    JsonArray nine = all.copy().add(item("WORK", "ADVICE"));

    assertProblem(putAgenda(duo.memberApi(), new JsonObject().put("items", nine)), 400);
    assertThat(storedItems().getList()).isEmpty();

    assertThat(putAgenda(duo.memberApi(), new JsonObject().put("items", all)).statusCode()).isEqualTo(200);
    assertThat(storedItems().size()).isEqualTo(8);
  }

  @Test
  @DisplayName("unknown topics or expectations, missing fields and extra fields are refused with 400")
  void malformedItemsAreRefused() {
    assertProblem(putAgenda(duo.memberApi(), agenda(item("GOSSIP", "LISTEN"))), 400);
    assertProblem(putAgenda(duo.memberApi(), agenda(item("WORK", "SILENCE"))), 400);
    assertProblem(putAgenda(duo.memberApi(), agenda(new JsonObject().put("topic", "WORK"))), 400);
    assertProblem(putAgenda(duo.memberApi(), agenda(item("WORK", "LISTEN").put("priority", 1))), 400);
    assertProblem(putAgenda(duo.memberApi(), new JsonObject()), 400);
    assertProblem(putAgenda(duo.memberApi(), new JsonObject().put("items", "WORK")), 400);

    assertThat(storedItems().getList()).isEmpty();
  }

  @Test
  @DisplayName("a note of 1,001 characters is refused with 400; 1,000 characters are accepted")
  void noteIsLimitedTo1000Characters() {
    assertProblem(putAgenda(duo.memberApi(), agenda(item("WORK", "LISTEN").put("note", "x".repeat(1001)))), 400);
    assertThat(storedItems().getList()).isEmpty();

    assertThat(putAgenda(duo.memberApi(), agenda(item("WORK", "LISTEN").put("note", "あ".repeat(1000)))).statusCode())
        .isEqualTo(200);
    assertThat(storedItems().getJsonObject(0).getString("note")).hasSize(1000);
  }

  @Test
  @DisplayName("characters outside the BMP (emoji) count once each towards the 1,000 of a note")
  void noteLengthCountsCharactersNotUtf16Units() {
    String note = "😀".repeat(600);

    HttpResponse<Buffer> response = putAgenda(duo.memberApi(), agenda(item("PRIVATE", "LISTEN").put("note", note)));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(storedItems().getJsonObject(0).getString("note")).isEqualTo(note);
    assertProblem(putAgenda(duo.memberApi(), agenda(item("PRIVATE", "LISTEN").put("note", "😀".repeat(1001)))), 400);
  }

  @Test
  @DisplayName("once the meeting is LIVE (someone joined the room) the agenda is frozen: 409")
  void liveMeetingAgendaIsFrozen() {
    putAgenda(duo.memberApi(), agenda(item("WORK", "LISTEN")));
    try (RoomClient room = node.room(meetingId, duo.managerApi())) {
      room.join();

      assertProblem(putAgenda(duo.memberApi(), agenda(item("CAREER", "ADVICE"))), 409);
    }
    assertThat(storedItems()).isEqualTo(new JsonArray().add(item("WORK", "LISTEN")));
  }

  @Test
  @DisplayName("once the meeting has ended the agenda is frozen: 409")
  void endedMeetingAgendaIsFrozen() {
    assertThat(duo.managerApi().post("/api/meetings/" + meetingId + "/end", null).statusCode()).isEqualTo(200);

    assertProblem(putAgenda(duo.memberApi(), agenda(item("CAREER", "ADVICE"))), 409);

    assertThat(storedItems().getList()).isEmpty();
  }
}
