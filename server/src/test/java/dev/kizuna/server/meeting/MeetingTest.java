package dev.kizuna.server.meeting;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST/GET /api/meetings}, {@code GET /api/meetings/{id}} and {@code POST .../end}. */
class MeetingTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static Api outsider;

  @BeforeAll
  static void outsider() {
    outsider = node.login(node.createUser("Outsider Ono", "MANAGER", "HR"));
  }

  private static JsonObject meetingBody(String pairId, String scheduledAt, Object durationMinutes) {
    return new JsonObject().put("pairId", pairId).put("scheduledAt", scheduledAt).put("durationMinutes", durationMinutes);
  }

  @Test
  @DisplayName("the member plans a meeting: 201 PLANNED with an empty agenda, both names and yourRole MEMBER")
  void memberPlansAMeeting() {
    Duo duo = node.duo();
    Instant before = Instant.now().minusSeconds(1);

    HttpResponse<Buffer> response = duo.memberApi().post("/api/meetings",
        meetingBody(duo.pairId(), "2031-04-01T09:30:00Z", 45));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject meeting = response.bodyAsJsonObject();
    assertThat(meeting.getString("id")).isNotBlank();
    assertThat(meeting.getString("pairId")).isEqualTo(duo.pairId());
    assertThat(meeting.getString("memberId")).isEqualTo(duo.member().id());
    assertThat(meeting.getString("managerId")).isEqualTo(duo.manager().id());
    assertThat(meeting.getString("memberName")).isEqualTo(duo.member().name());
    assertThat(meeting.getString("managerName")).isEqualTo(duo.manager().name());
    assertThat(meeting.getString("scheduledAt")).isEqualTo("2031-04-01T09:30:00Z");
    assertThat(meeting.getInteger("durationMinutes")).isEqualTo(45);
    assertThat(meeting.getString("status")).isEqualTo("PLANNED");
    assertThat(meeting.getJsonObject("agenda").getJsonArray("items").getList()).isEmpty();
    assertThat(meeting.getString("yourRole")).isEqualTo("MEMBER");
    assertThat(meeting.containsKey("startedAt")).isFalse();
    assertThat(meeting.containsKey("endedAt")).isFalse();
    assertThat(Instant.parse(meeting.getString("createdAt"))).isBetween(before, Instant.now().plusSeconds(1));
  }

  @Test
  @DisplayName("the manager plans a meeting of their pair too (201, yourRole MANAGER)")
  void managerPlansAMeeting() {
    Duo duo = node.duo();

    JsonObject meeting = createMeeting(duo.managerApi(), duo.pairId());

    assertThat(meeting.getString("status")).isEqualTo("PLANNED");
    assertThat(meeting.getString("yourRole")).isEqualTo("MANAGER");
  }

  @Test
  @DisplayName("a time with an offset is accepted and stored as the same instant in UTC")
  void offsetTimesAreNormalisedToUtc() {
    Duo duo = node.duo();

    HttpResponse<Buffer> response = duo.memberApi().post("/api/meetings",
        meetingBody(duo.pairId(), "2031-04-01T18:00:00+09:00", 30));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("scheduledAt")).isEqualTo("2031-04-01T09:00:00Z");
  }

  @Test
  @DisplayName("someone outside the pair may not plan its meetings (403), even an admin")
  void outsiderMayNotPlan() {
    Duo duo = node.duo();

    assertProblem(outsider.post("/api/meetings", meetingBody(duo.pairId(), "2031-04-01T09:00:00Z", 30)), 403);
    assertProblem(node.admin().post("/api/meetings", meetingBody(duo.pairId(), "2031-04-01T09:00:00Z", 30)), 403);

    assertThat(duo.memberApi().get("/api/meetings").bodyAsJsonArray().getList()).isEmpty();
  }

  @Test
  @DisplayName("a meeting of an unknown pair is refused with 404")
  void unknownPairIsNotFound() {
    assertProblem(outsider.post("/api/meetings", meetingBody("no-such-pair", "2031-04-01T09:00:00Z", 30)), 404);
  }

  @ParameterizedTest(name = "scheduledAt [{0}]")
  @ValueSource(strings = {"tomorrow", "2031-13-01T09:00:00Z", "2031-04-01", "2031-04-01 09:00", ""})
  @DisplayName("a scheduledAt that is not an ISO-8601 date-time is refused with 400")
  void badDateIsRefused(String scheduledAt) {
    Duo duo = node.duo();

    JsonObject problem = assertProblem(duo.memberApi().post("/api/meetings", meetingBody(duo.pairId(), scheduledAt, 30)), 400);

    assertThat(problem.getString("detail")).contains("scheduledAt");
    assertThat(duo.memberApi().get("/api/meetings").bodyAsJsonArray().getList()).isEmpty();
  }

  @Test
  @DisplayName("durationMinutes outside 5..480 or not an integer is refused with 400; the bounds are accepted")
  void durationIsBounded() {
    Duo duo = node.duo();
    String at = "2031-04-01T09:00:00Z";

    for (Object bad : List.of(4, 481, 0, -30, 30.5, "30")) {
      JsonObject problem = assertProblem(duo.memberApi().post("/api/meetings", meetingBody(duo.pairId(), at, bad)), 400);
      assertThat(problem.getString("detail")).as("for %s", bad).contains("durationMinutes");
    }
    assertProblem(duo.memberApi().post("/api/meetings", new JsonObject().put("pairId", duo.pairId()).put("scheduledAt", at)), 400);

    assertThat(duo.memberApi().post("/api/meetings", meetingBody(duo.pairId(), at, 5)).statusCode()).isEqualTo(201);
    assertThat(duo.memberApi().post("/api/meetings", meetingBody(duo.pairId(), at, 480)).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("GET /api/meetings lists the caller's meetings newest scheduledAt first, each with the caller's role")
  void listIsNewestFirst() {
    Duo duo = node.duo();
    Account otherMember = node.createUser("Other Mina");
    String otherPair = node.createPair(duo.manager().id(), otherMember.id()).getString("id");
    String middle = createMeeting(duo.memberApi(), duo.pairId(), Instant.parse("2031-05-02T09:00:00Z"), 30).getString("id");
    String oldest = createMeeting(duo.managerApi(), duo.pairId(), Instant.parse("2031-05-01T09:00:00Z"), 30).getString("id");
    String newest = createMeeting(duo.memberApi(), duo.pairId(), Instant.parse("2031-05-03T09:00:00Z"), 30).getString("id");
    String others = createMeeting(duo.managerApi(), otherPair, Instant.parse("2031-05-04T09:00:00Z"), 30).getString("id");

    JsonArray memberList = duo.memberApi().get("/api/meetings").bodyAsJsonArray();
    JsonArray managerList = duo.managerApi().get("/api/meetings").bodyAsJsonArray();

    assertThat(ids(memberList)).containsExactly(newest, middle, oldest);
    assertThat(memberList.stream().map(m -> ((JsonObject) m).getString("yourRole"))).containsOnly("MEMBER");
    assertThat(ids(managerList)).containsExactly(others, newest, middle, oldest);
    assertThat(managerList.stream().map(m -> ((JsonObject) m).getString("yourRole"))).containsOnly("MANAGER");
    assertThat(ids(outsider.get("/api/meetings").bodyAsJsonArray())).doesNotContain(newest, middle, oldest, others);
  }

  private static List<String> ids(JsonArray meetings) {
    return meetings.stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  @Test
  @DisplayName("GET /api/meetings/{id} answers each side of the pair with its own yourRole")
  void getShowsYourRole() {
    Duo duo = node.duo();
    JsonObject created = createMeeting(duo.memberApi(), duo.pairId());

    HttpResponse<Buffer> asMember = duo.memberApi().get("/api/meetings/" + created.getString("id"));
    HttpResponse<Buffer> asManager = duo.managerApi().get("/api/meetings/" + created.getString("id"));

    assertThat(asMember.statusCode()).isEqualTo(200);
    assertThat(asManager.statusCode()).isEqualTo(200);
    JsonObject member = asMember.bodyAsJsonObject();
    JsonObject manager = asManager.bodyAsJsonObject();
    assertThat(manager.getString("yourRole")).isEqualTo("MANAGER");
    assertThat(withoutMemo(member)).isEqualTo(created);
    assertThat(withoutMemo(manager).put("yourRole", "MEMBER")).isEqualTo(created);
    // one shared memo, and private notes each can open alone
    assertThat(manager.getJsonObject("memo")).isEqualTo(member.getJsonObject("memo"));
    assertThat(member.getJsonObject("memo").getString("documentUrl")).startsWith("automerge:");
    assertThat(manager.getJsonObject("privateNotes").getString("documentUrl"))
        .startsWith("automerge:")
        .isNotEqualTo(member.getJsonObject("privateNotes").getString("documentUrl"));
  }

  private static JsonObject withoutMemo(JsonObject meeting) {
    JsonObject copy = meeting.copy();
    copy.remove("memo");
    copy.remove("privateNotes");
    return copy;
  }

  @Test
  @DisplayName("a meeting is hidden from everyone outside the pair (403) and an unknown id is 404")
  void getIsForThePairOnly() {
    Duo duo = node.duo();
    String id = createMeeting(duo.memberApi(), duo.pairId()).getString("id");

    assertProblem(outsider.get("/api/meetings/" + id), 403);
    assertProblem(node.admin().get("/api/meetings/" + id), 403);
    assertProblem(duo.memberApi().get("/api/meetings/no-such-meeting"), 404);
  }

  @Test
  @DisplayName("ending a meeting makes it ENDED with endedAt, for both sides")
  void endingAMeeting() {
    Duo duo = node.duo();
    String id = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    Instant before = Instant.now().minusSeconds(1);

    HttpResponse<Buffer> response = duo.managerApi().post("/api/meetings/" + id + "/end", null);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject ended = response.bodyAsJsonObject();
    assertThat(ended.getString("status")).isEqualTo("ENDED");
    assertThat(ended.getString("yourRole")).isEqualTo("MANAGER");
    assertThat(Instant.parse(ended.getString("endedAt"))).isBetween(before, Instant.now().plusSeconds(1));
    JsonObject seenByMember = duo.memberApi().get("/api/meetings/" + id).bodyAsJsonObject();
    assertThat(seenByMember.getString("status")).isEqualTo("ENDED");
    assertThat(seenByMember.getString("endedAt")).isEqualTo(ended.getString("endedAt"));
  }

  @Test
  @DisplayName("ending an ended meeting again answers 200 ENDED and keeps the first endedAt")
  void endingTwiceIsHarmless() {
    Duo duo = node.duo();
    String id = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    JsonObject first = duo.memberApi().post("/api/meetings/" + id + "/end", null).bodyAsJsonObject();

    HttpResponse<Buffer> again = duo.managerApi().post("/api/meetings/" + id + "/end", null);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("ENDED");
    assertThat(again.bodyAsJsonObject().getString("endedAt")).isEqualTo(first.getString("endedAt"));
  }

  @Test
  @DisplayName("only the pair may end a meeting (403 for others, 404 for an unknown id), and it stays PLANNED")
  void endIsForThePairOnly() {
    Duo duo = node.duo();
    String id = createMeeting(duo.memberApi(), duo.pairId()).getString("id");

    assertProblem(outsider.post("/api/meetings/" + id + "/end", null), 403);
    assertProblem(node.admin().post("/api/meetings/" + id + "/end", null), 403);
    assertProblem(outsider.post("/api/meetings/no-such-meeting/end", null), 404);

    assertThat(duo.memberApi().get("/api/meetings/" + id).bodyAsJsonObject().getString("status")).isEqualTo("PLANNED");
  }
}
