package dev.kizuna.server.summary;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.transcript.TranscriptSegment;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The summary flow on a whole node with the real embedded summariser: ending a meeting proposes a
 * summary in the shared memo, accepting it records its promises, and the next meeting's prep carries
 * the open ones over until either party ticks them done.
 */
class SummaryFlowTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  /** The first summary loads the sentence-embedding model; later ones take well under a second. */
  private static final Duration SUMMARY_DEADLINE = Duration.ofSeconds(60);

  private static JsonObject memo(Api api, String meetingId) {
    var response = api.get("/api/meetings/" + meetingId + "/memo");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static void say(TranscriptRepository transcripts, String meetingId, String speakerId, ParticipantRole role,
      long startMs, String text) {
    await(transcripts.insert(new TranscriptSegment(meetingId, speakerId, role, text, startMs, startMs + 4_000, 0.9,
        new JsonArray(), Instant.now())));
  }

  private static List<String> whats(JsonArray promises) {
    return promises.stream().map(o -> ((JsonObject) o).getString("what")).toList();
  }

  private static JsonObject summaryRecord(String meetingId) {
    return await(node.store().client().findOne("summaries", new JsonObject().put("_id", meetingId), null));
  }

  @Test
  @DisplayName("end -> proposed summary in the memo with points and a dated promise; regenerate 202; accept records promises once; the next prep carries them over until ticked done")
  void endProposeAcceptCarryOverTick() {
    Duo duo = node.duo();
    Api member = duo.memberApi();
    Api manager = duo.managerApi();
    Api outsider = node.login(node.createUser("Summary Outsider", "MANAGER"));
    String meetingId = createMeeting(member, duo.pairId()).getString("id");
    var agenda = member.put("/api/meetings/" + meetingId + "/agenda", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("topic", "WORK").put("expectation", "REPORT").put("note", "billing release"))
        .add(new JsonObject().put("topic", "CAREER").put("expectation", "THINK_TOGETHER"))));
    assertThat(agenda.statusCode()).as(agenda.bodyAsString()).isEqualTo(200);
    assertThat(memo(member, meetingId).getValue("summary")).as("no summary before the meeting").isNull();
    assertProblem(manager.post("/api/meetings/" + meetingId + "/summary/accept", null), 409);

    TranscriptRepository transcripts = new TranscriptRepository(node.store());
    String m = duo.member().id();
    String g = duo.manager().id();
    say(transcripts, meetingId, m, ParticipantRole.MEMBER, 0,
        "The billing service release slipped by a week because the payment integration tests kept failing.");
    say(transcripts, meetingId, g, ParticipantRole.MANAGER, 5_000, "What would help you get those tests stable?");
    say(transcripts, meetingId, m, ParticipantRole.MEMBER, 10_000,
        "We moved the flaky payment tests to a separate job and the release is now planned for next Tuesday.");
    say(transcripts, meetingId, m, ParticipantRole.MEMBER, 15_000, "I will send you the draft by Friday.");
    say(transcripts, meetingId, m, ParticipantRole.MEMBER, 20_000,
        "For my career I would like to lead a small team within the next year.");
    say(transcripts, meetingId, g, ParticipantRole.MANAGER, 25_000,
        "Let us think together about which project could give you a chance to lead people.");

    var ended = member.post("/api/meetings/" + meetingId + "/end", null);
    assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
    assertThat(ended.bodyAsJsonObject().getString("status")).isEqualTo("ENDED");
    LocalDate meetingDay = LocalDate.ofInstant(Instant.parse(ended.bodyAsJsonObject().getString("endedAt")),
        java.time.ZoneOffset.UTC);

    JsonObject proposed = Await.until("a proposed summary in the memo", SUMMARY_DEADLINE,
        () -> memo(manager, meetingId), memo -> memo.getValue("summary") != null).getJsonObject("summary");
    assertThat(proposed.getString("status")).isEqualTo("proposed");
    assertThat(proposed.getString("producedBy")).isEqualTo("embedded");
    String points = proposed.getJsonArray("items").stream()
        .flatMap(o -> ((JsonObject) o).getJsonArray("points").stream()).map(Object::toString)
        .collect(Collectors.joining("\n"));
    assertThat(points).as("key points come from the transcript").containsIgnoringCase("test");
    JsonObject promise = proposed.getJsonArray("promises").stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("what").contains("draft")).findFirst()
        .orElseThrow(() -> new AssertionError("no promise about the draft in " + proposed.encodePrettily()));
    assertThat(promise.getString("owner")).isEqualTo("MEMBER");
    LocalDate due = LocalDate.parse(promise.getString("due"));
    assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(due).isAfter(meetingDay.minusDays(1)).isBefore(meetingDay.plusDays(8));
    assertThat(memo(member, meetingId).getJsonObject("document").getJsonObject("summary").getString("status"))
        .as("the draft lives in the shared memo document, where both edit it").isEqualTo("proposed");

    // regenerating answers at once and proposes a new draft
    Object firstProposal = summaryRecord(meetingId).getValue("proposedAt");
    var regenerate = manager.post("/api/meetings/" + meetingId + "/summary", null);
    assertThat(regenerate.statusCode()).as(regenerate.bodyAsString()).isEqualTo(202);
    Await.until("a regenerated draft", SUMMARY_DEADLINE, () -> summaryRecord(meetingId),
        record -> !record.getValue("proposedAt").equals(firstProposal));
    assertThat(summaryRecord(meetingId).getString("status")).isEqualTo("PROPOSED");

    // only the pair touches the summary
    assertProblem(outsider.post("/api/meetings/" + meetingId + "/summary", null), 403);
    assertProblem(outsider.post("/api/meetings/" + meetingId + "/summary/accept", null), 403);
    assertProblem(outsider.get("/api/meetings/" + meetingId + "/carried-over"), 403);
    assertProblem(manager.post("/api/meetings/no-such-meeting/summary", null), 404);
    assertProblem(manager.post("/api/meetings/no-such-meeting/summary/accept", null), 404);
    assertProblem(node.anonymous().post("/api/meetings/" + meetingId + "/summary/accept", null), 401);

    var accepted = manager.post("/api/meetings/" + meetingId + "/summary/accept", null);
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("accepted");
    assertThat(whats(accepted.bodyAsJsonObject().getJsonArray("promises"))).anyMatch(w -> w.contains("draft"));
    JsonObject record = summaryRecord(meetingId);
    assertThat(record.getString("status")).isEqualTo("ACCEPTED");
    assertThat(record.getString("acceptedBy")).isEqualTo(g);
    assertThat(memo(member, meetingId).getJsonObject("summary").getString("status")).isEqualTo("accepted");
    long stored = await(node.store().client().count("promises", new JsonObject().put("meetingId", meetingId)));
    assertThat(stored).isEqualTo(accepted.bodyAsJsonObject().getJsonArray("promises").size());

    assertThat(member.post("/api/meetings/" + meetingId + "/summary/accept", null).statusCode()).isEqualTo(200);
    assertThat(await(node.store().client().count("promises", new JsonObject().put("meetingId", meetingId))))
        .as("accepting twice stores each promise once").isEqualTo(stored);
    assertProblem(member.post("/api/meetings/" + meetingId + "/summary", null), 409);

    // the next meeting starts from the open promises
    String nextId = createMeeting(member, duo.pairId()).getString("id");
    var prep = manager.get("/api/meetings/" + nextId + "/prep");
    assertThat(prep.statusCode()).as(prep.bodyAsString()).isEqualTo(200);
    JsonObject carried = prep.bodyAsJsonObject().getJsonArray("carriedOver").stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("what").contains("draft")).findFirst().orElseThrow();
    assertThat(carried.getString("owner")).isEqualTo("MEMBER");
    assertThat(carried.getString("due")).isEqualTo(promise.getString("due"));
    assertThat(carried.getString("meetingId")).isEqualTo(meetingId);
    assertThat(carried.getBoolean("done")).isFalse();
    var forMember = member.get("/api/meetings/" + nextId + "/carried-over");
    assertThat(forMember.statusCode()).as(forMember.bodyAsString()).isEqualTo(200);
    assertThat(whats(forMember.bodyAsJsonArray())).contains(carried.getString("what"));
    assertThat(whats(manager.get("/api/meetings/" + meetingId + "/prep").bodyAsJsonObject().getJsonArray("carriedOver")))
        .as("a meeting's own promises are not carried over into it").isEmpty();

    String promiseUrl = "/api/promises/" + carried.getString("id");
    assertProblem(outsider.put(promiseUrl, new JsonObject().put("done", true)), 403);
    assertProblem(member.put("/api/promises/no-such-promise", new JsonObject().put("done", true)), 404);
    assertProblem(member.put(promiseUrl, new JsonObject().put("done", "yes")), 400);
    var ticked = member.put(promiseUrl, new JsonObject().put("done", true));
    assertThat(ticked.statusCode()).as(ticked.bodyAsString()).isEqualTo(200);
    assertThat(ticked.bodyAsJsonObject().getBoolean("done")).isTrue();
    assertThat(whats(manager.get("/api/meetings/" + nextId + "/prep").bodyAsJsonObject().getJsonArray("carriedOver")))
        .doesNotContain(carried.getString("what"));
    assertThat(whats(member.get("/api/meetings/" + nextId + "/carried-over").bodyAsJsonArray()))
        .doesNotContain(carried.getString("what"));
    assertThat(manager.put(promiseUrl, new JsonObject().put("done", false)).bodyAsJsonObject().getBoolean("done"))
        .as("the manager may open it again").isFalse();
  }
}
