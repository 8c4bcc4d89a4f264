package dev.kizuna.server.feedback;

import static dev.kizuna.server.feedback.FeedbackFixture.cell;
import static dev.kizuna.server.feedback.FeedbackFixture.communityHints;
import static dev.kizuna.server.feedback.FeedbackFixture.feedback;
import static dev.kizuna.server.feedback.FeedbackFixture.insights;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.feedback.FeedbackFixture.Member;
import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Member feedback, the manager's reflection and insights through the API of a whole node. */
class FeedbackTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode().with("KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS", FeedbackFixture.RELEASE_MS);

  private static final Cell WORK_LISTEN = new Cell(Topic.WORK, Expectation.LISTEN);
  private static final Cell CAREER_ADVICE = new Cell(Topic.CAREER, Expectation.ADVICE);
  private final FeedbackFixture fx = new FeedbackFixture(node);

  @Test
  @DisplayName("feedback: only the member, only after the end, every item once, only once (409); reflection: only the manager, once")
  void whoMayAnswerAndWhen() {
    Account manager = node.createUser("Manager Mori", "MANAGER");
    Api managerApi = node.login(manager);
    Member member = fx.memberOf(manager, "Member Mina");
    Api outsider = node.login(node.createUser("Outside Oda", "MANAGER"));
    String planned = fx.plannedMeeting(member, List.of(WORK_LISTEN, CAREER_ADVICE));
    JsonObject good = feedback(new int[] {4, 5}, null, false);

    assertProblem(member.api().post("/api/meetings/" + planned + "/feedback", good), 409);
    assertProblem(managerApi.post("/api/meetings/" + planned + "/reflection",
        new JsonObject().put("worked", "asked first").put("shareAsHint", false)), 409);
    assertThat(member.api().get("/api/meetings/" + planned + "/feedback").bodyAsJsonObject().getBoolean("open")).isFalse();
    assertThat(member.api().post("/api/meetings/" + planned + "/end", null).statusCode()).isEqualTo(200);
    String ended = planned;

    assertProblem(outsider.post("/api/meetings/" + ended + "/feedback", good), 403);
    Member sameManagersOther = fx.memberOf(manager, "Member Other");
    assertProblem(sameManagersOther.api().post("/api/meetings/" + ended + "/feedback", good), 403);
    for (String path : List.of("/feedback", "/reflection")) {
      assertProblem(outsider.get("/api/meetings/" + ended + path), 403);
    }
    assertProblem(outsider.post("/api/meetings/" + ended + "/reflection",
        new JsonObject().put("worked", "x").put("shareAsHint", false)), 403);
    assertProblem(managerApi.post("/api/meetings/" + ended + "/feedback", good), 403);
    assertProblem(managerApi.get("/api/meetings/" + ended + "/feedback"), 403);
    assertProblem(member.api().post("/api/meetings/" + ended + "/reflection",
        new JsonObject().put("worked", "x").put("shareAsHint", false)), 403);
    assertProblem(member.api().get("/api/meetings/" + ended + "/reflection"), 403);
    assertProblem(member.api().post("/api/meetings/unknown-meeting/feedback", good), 404);

    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback", feedback(new int[] {4}, null, false)), 400);
    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback", feedback(new int[] {4, 6}, null, false)), 400);
    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback", feedback(new int[] {4, 5, 3}, null, false)), 400);
    JsonObject twice = new JsonObject().put("shareAsHint", false).put("items", new JsonArray()
        .add(new JsonObject().put("index", 0).put("rating", 3)).add(new JsonObject().put("index", 0).put("rating", 3)));
    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback", twice), 400);
    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback",
        feedback(new int[] {4, 5}, new String[] {"x".repeat(501), null}, true)), 400);
    assertThat(member.api().get("/api/meetings/" + ended + "/feedback").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("answered", false).put("open", true));

    var first = member.api().post("/api/meetings/" + ended + "/feedback", good);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getInteger("received")).isEqualTo(2);
    assertProblem(member.api().post("/api/meetings/" + ended + "/feedback", good), 409);
    assertThat(member.api().get("/api/meetings/" + ended + "/feedback").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("answered", true).put("open", false));

    JsonObject reflection = new JsonObject().put("attention", "let Mina finish every sentence")
        .put("worked", "a long pause after asking").put("shareAsHint", false).put("agendaIndex", 1);
    assertProblem(managerApi.post("/api/meetings/" + ended + "/reflection",
        new JsonObject().put("attention", " ").put("shareAsHint", false)), 400);
    assertProblem(managerApi.post("/api/meetings/" + ended + "/reflection", reflection.copy().put("agendaIndex", 2)), 400);
    assertProblem(managerApi.get("/api/meetings/" + ended + "/reflection"), 404);
    var written = managerApi.post("/api/meetings/" + ended + "/reflection", reflection);
    assertThat(written.statusCode()).as(written.bodyAsString()).isEqualTo(201);
    assertProblem(managerApi.post("/api/meetings/" + ended + "/reflection", reflection), 409);
    assertThat(managerApi.get("/api/meetings/" + ended + "/reflection").bodyAsJsonObject().getString("worked"))
        .isEqualTo("a long pause after asking");
    JsonArray mine = managerApi.get("/api/me/reflections").bodyAsJsonArray();
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("meetingId")).isEqualTo(ended);
    assertThat(outsider.get("/api/me/reflections").bodyAsJsonArray()).isEmpty();

    assertProblem(member.api().get("/api/me/insights"), 403);
    assertProblem(node.anonymous().get("/api/me/insights"), 401);
  }

  @Test
  @DisplayName("answers wait until a cell's pending answers come from 2 members, then show at 3 answers from 2 members; shared comments come with them, anonymised")
  void batchesAndThreshold() {
    Account manager = node.createUser("Manager Mori", "MANAGER");
    Api managerApi = node.login(manager);
    Member mina = fx.memberOf(manager, "Mina Maeda");
    Member kenji = fx.memberOf(manager, "Kenji Kato");
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String comment = "Mina here (mina@example.test): listening first helped " + marker;

    fx.submit(mina, fx.endedMeeting(mina, List.of(WORK_LISTEN, CAREER_ADVICE)),
        feedback(new int[] {5, 2}, new String[] {comment, null}, true));
    fx.awaitRelease();
    assertThat(cell(insights(managerApi), WORK_LISTEN).getBoolean("hidden")).isTrue();
    assertThat(communityHints(managerApi).encode()).doesNotContain(marker);

    fx.submit(mina, fx.endedMeeting(mina, List.of(WORK_LISTEN)), feedback(new int[] {4}, null, false));
    fx.awaitRelease();
    JsonObject oneMember = cell(insights(managerApi), WORK_LISTEN);
    assertThat(oneMember.getBoolean("hidden")).as("two answers, one member: pending").isTrue();
    assertThat(oneMember.getString("reason")).isEqualTo(Threshold.BELOW);
    assertThat(oneMember.containsKey("n")).isFalse();

    fx.submit(kenji, fx.endedMeeting(kenji, List.of(WORK_LISTEN)), feedback(new int[] {3}, null, false));
    fx.awaitRelease();
    JsonObject insights = insights(managerApi);
    JsonObject visible = cell(insights, WORK_LISTEN);
    assertThat(visible.getBoolean("hidden")).isFalse();
    assertThat(visible.getLong("n")).isEqualTo(3);
    assertThat(visible.getDouble("mean")).isEqualTo(4.0);
    assertThat(cell(insights, CAREER_ADVICE).getBoolean("hidden")).as("one member only").isTrue();
    assertThat(insights.getJsonArray("trend")).hasSize(1);
    assertThat(insights.getJsonArray("trend").getJsonObject(0).getLong("n")).isEqualTo(3);

    List<JsonObject> hints = communityHints(managerApi).stream().map(o -> (JsonObject) o)
        .filter(h -> h.getString("text").contains(marker)).toList();
    assertThat(hints).hasSize(1);
    JsonObject hint = hints.get(0);
    assertThat(hint.getString("text")).doesNotContain("Mina").doesNotContain("mina@").contains("[name]", "[email]");
    assertThat(hint.getString("topic")).isEqualTo("WORK");
    assertThat(hint.getString("expectation")).isEqualTo("LISTEN");
    assertThat(hint.getString("source")).isEqualTo("MEMBER");
    assertThat(hint.encode()).doesNotContain(mina.account().id()).doesNotContain(manager.id());
  }

  @Test
  @DisplayName("organisation and all users' means count only other managers' cells above the threshold; strengths and weaknesses against all users")
  void averagesAndStrengths() {
    String org = "Org" + UUID.randomUUID().toString().substring(0, 6);
    Account me = node.createUser("Manager Me", "en", org + "/Platform", new String[] {"MANAGER"});
    Account colleague = node.createUser("Manager Colleague", "en", org + "/Apps", new String[] {"MANAGER"});
    Account small = node.createUser("Manager Small", "en", org + "/Apps", new String[] {"MANAGER"});
    Cell policyOpinion = new Cell(Topic.POLICY, Expectation.OPINION);
    Cell skillsThink = new Cell(Topic.SKILLS, Expectation.THINK_TOGETHER);
    List<Cell> agenda = List.of(policyOpinion, skillsThink);
    // me: POLICY x OPINION 5,5,4,4 and SKILLS x THINK_TOGETHER 1,2,1,2; colleague: 2s and 3s; small: one member only.
    answer(me, new int[][] {{5, 1}, {5, 2}, {4, 1}, {4, 2}}, agenda);
    answer(colleague, new int[][] {{2, 3}, {2, 3}, {2, 3}, {2, 3}}, agenda);
    Member lone = fx.memberOf(small, "Lone Member");
    fx.submit(lone, fx.endedMeeting(lone, agenda), feedback(new int[] {1, 5}, null, false));
    fx.awaitRelease();

    JsonObject insights = insights(node.login(me));
    assertThat(insights.getString("org")).isEqualTo(org);
    JsonObject policy = cell(insights, policyOpinion);
    assertThat(policy.getDouble("mean")).isEqualTo(4.5);
    assertThat(policy.getLong("n")).isEqualTo(4);
    assertThat(policy.getDouble("orgMean")).as("me and colleague, not the small manager").isEqualTo(3.25);
    assertThat(policy.getDouble("allMean")).isEqualTo(3.25);
    JsonObject strength = insights.getJsonArray("strengths").getJsonObject(0);
    assertThat(strength.getString("topic")).isEqualTo("POLICY");
    assertThat(strength.getLong("n")).isEqualTo(4);
    assertThat(strength.getDouble("diff")).isEqualTo(1.25);
    JsonObject weakness = insights.getJsonArray("weaknesses").getJsonObject(0);
    assertThat(weakness.getString("topic")).isEqualTo("SKILLS");
    assertThat(weakness.getDouble("diff")).isNegative();
    assertThat(cell(insights(node.login(small)), policyOpinion).getBoolean("hidden")).isTrue();
  }

  @Test
  @DisplayName("consented comments and reflections become COMMUNITY hints; the words ranking per expectation and language shows what members value")
  void communityWords() {
    Account manager = node.createUser("Manager Mori", "MANAGER");
    Api managerApi = node.login(manager);
    Cell career = new Cell(Topic.CAREER, Expectation.THINK_TOGETHER);
    Cell skills = new Cell(Topic.SKILLS, Expectation.THINK_TOGETHER);
    String[][] comments = {
        {"We could think together about my next role", "一緒に考えてくれたのが良かった"},
        {"Manager Mori helped me think together about options", "一緒に考えてもらえて安心した"}};
    String firstMeeting = null;
    for (String[] good : comments) {
      Member member = fx.memberOf(manager, "Member " + UUID.randomUUID().toString().substring(0, 4));
      String meeting = fx.endedMeeting(member, List.of(career, skills));
      firstMeeting = firstMeeting == null ? meeting : firstMeeting;
      fx.submit(member, meeting, feedback(new int[] {4, 5}, good, true));
    }
    var reflection = managerApi.post("/api/meetings/" + firstMeeting + "/reflection", new JsonObject()
        .put("attention", "silence").put("worked", "Drawing the choices together on the whiteboard").put("shareAsHint", true)
        .put("agendaIndex", 0));
    assertThat(reflection.statusCode()).as(reflection.bodyAsString()).isEqualTo(201);
    fx.awaitRelease();

    JsonObject english = managerApi.get("/api/hints/words?expectation=THINK_TOGETHER&language=en").bodyAsJsonObject();
    assertThat(english.getInteger("hints")).isEqualTo(3);
    JsonObject pair = english.getJsonArray("pairs").getJsonObject(0);
    assertThat(pair.getString("a") + "/" + pair.getString("b")).isEqualTo("think/together");
    assertThat(english.getJsonArray("words").getJsonObject(0).getString("word")).isEqualTo("together");
    assertThat(english.encode()).doesNotContain("mori");
    JsonObject japanese = managerApi.get("/api/hints/words?expectation=THINK_TOGETHER&language=ja").bodyAsJsonObject();
    assertThat(japanese.getInteger("hints")).isEqualTo(2);
    JsonObject jaPair = japanese.getJsonArray("pairs").getJsonObject(0);
    assertThat(List.of(jaPair.getString("a"), jaPair.getString("b"))).containsExactlyInAnyOrder("一緒", "考える");
    assertProblem(managerApi.get("/api/hints/words?expectation=NOPE&language=en"), 400);
    assertProblem(managerApi.get("/api/hints/words?expectation=LISTEN"), 400);

    List<JsonObject> hints = communityHints(managerApi).stream().map(o -> (JsonObject) o)
        .filter(h -> "THINK_TOGETHER".equals(h.getString("expectation"))).toList();
    JsonArray prepCommunity = managerApi.get("/api/meetings/" + firstMeeting + "/prep?language=ja").bodyAsJsonObject()
        .getJsonArray("agenda").getJsonObject(1).getJsonArray("community");
    assertThat(prepCommunity).as("the prep shows the SKILLS item's community hints in Japanese").hasSize(2);
    assertThat(prepCommunity.getJsonObject(0).getString("text")).contains("一緒に考え");
    assertThat(hints).extracting(h -> h.getString("source")).containsOnly("MEMBER", "MANAGER").contains("MANAGER");
    assertThat(hints).extracting(h -> h.getString("text")).contains("[name] helped me think together about options",
        "Drawing the choices together on the whiteboard");
  }

  /**
   * Each row is one meeting of a new member of {@code manager}: ratings per item. A release after each,
   * so an even number of rows is all released (pairs of members), whatever the timer's phase.
   */
  private void answer(Account manager, int[][] rows, List<Cell> agenda) {
    for (int[] row : rows) {
      Member member = fx.memberOf(manager, "Member " + UUID.randomUUID().toString().substring(0, 4));
      fx.submit(member, fx.endedMeeting(member, agenda), feedback(row, null, false));
      fx.awaitRelease();
    }
  }
}
