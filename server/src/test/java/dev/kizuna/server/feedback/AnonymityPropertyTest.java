package dev.kizuna.server.feedback;

import static dev.kizuna.server.feedback.FeedbackFixture.cell;
import static dev.kizuna.server.feedback.FeedbackFixture.communityHints;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of anonymity over random histories (seeded, so a failure replays): members of one
 * manager answer random agendas with random ratings and comments, through the real API, and after
 * each answer and release everything the manager can read is checked:
 * <ul>
 *   <li>no answer of the manager's routes names a member or a meeting (ids, names, e-mails);</li>
 *   <li>a cell (or month) shows only with at least 3 released answers from 2 members, and then shows
 *       exactly their count and mean;</li>
 *   <li>every change of a visible count mixes the answers of at least two members, so comparing
 *       before and after never isolates one answer;</li>
 *   <li>a shared comment appears only together with its cell's batch, anonymised.</li>
 * </ul>
 */
class AnonymityPropertyTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode().with("KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS", FeedbackFixture.RELEASE_MS);

  private static final int STEPS = 12;
  private static final Topic[] TOPICS = {Topic.WORK, Topic.CAREER};
  private static final Expectation[] EXPECTATIONS = {Expectation.LISTEN, Expectation.ADVICE};
  private final FeedbackFixture fx = new FeedbackFixture(node);

  /** One answer of the model: who gave it, the rating, and the comment's marker if shared. */
  private record Given(String memberId, int rating, String sharedMarker) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 1_234, 99_991})
  @DisplayName("random histories: nothing links an answer to a member or meeting; cells show only above the threshold and move in batches of 2+ members")
  void randomHistories(long seed) {
    Random random = new Random(seed);
    Account manager = node.createUser("Manager Mori", "MANAGER");
    Api managerApi = node.login(manager);
    List<Member> members = new ArrayList<>();
    for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
      members.add(fx.memberOf(manager, "Member" + (char) ('A' + i) + seed + " Tanaka"));
    }
    Set<String> secrets = new HashSet<>();
    members.forEach(m -> {
      secrets.add(m.account().id());
      secrets.add(m.account().email());
      secrets.add(m.account().name().split(" ")[0]);
    });
    Map<Cell, List<Given>> pending = new HashMap<>();
    Map<Cell, List<Given>> released = new HashMap<>();
    Map<Cell, Long> lastVisibleN = new HashMap<>();
    Map<Cell, Set<String>> submittersSinceChange = new HashMap<>();
    List<String> meetings = new ArrayList<>();

    for (int step = 0; step < STEPS; step++) {
      Member member = members.get(random.nextInt(members.size()));
      List<Cell> agenda = randomAgenda(random);
      String meetingId = fx.endedMeeting(member, agenda);
      meetings.add(meetingId);
      secrets.add(meetingId);
      int[] ratings = new int[agenda.size()];
      String[] good = new String[agenda.size()];
      boolean share = random.nextBoolean();
      String[] markers = new String[agenda.size()];
      for (int i = 0; i < agenda.size(); i++) {
        ratings[i] = 1 + random.nextInt(5);
        if (random.nextBoolean()) {
          markers[i] = "m" + seed + "x" + step + "x" + i + "z";
          good[i] = member.account().name() + " (" + member.account().email() + ") liked this " + markers[i];
        }
      }
      fx.submit(member, meetingId, FeedbackFixture.feedback(ratings, good, share));
      for (int i = 0; i < agenda.size(); i++) {
        Cell cell = agenda.get(i);
        pending.computeIfAbsent(cell, c -> new ArrayList<>())
            .add(new Given(member.account().id(), ratings[i], share ? markers[i] : null));
        submittersSinceChange.computeIfAbsent(cell, c -> new HashSet<>()).add(member.account().id());
      }
      fx.awaitRelease();
      // The model of the rule: a cell's pending answers go all at once when they come from 2+ members.
      pending.forEach((cell, answers) -> {
        if (answers.stream().map(Given::memberId).distinct().count() >= Threshold.MIN_MEMBERS) {
          released.computeIfAbsent(cell, c -> new ArrayList<>()).addAll(answers);
          answers.clear();
        }
      });

      JsonObject insights = insights(managerApi);
      JsonArray hints = communityHints(managerApi);
      assertNoSecret(insights.encode(), secrets, "insights");
      assertNoSecret(hints.encode(), secrets, "community hints");
      assertNoSecret(managerApi.get("/api/me/reflections").bodyAsString(), secrets, "reflections");
      assertThat(insights.encode()).doesNotContain("memberId").doesNotContain("meetingId");
      assertProblem(managerApi.get("/api/meetings/" + meetingId + "/feedback"), 403);
      assertThat(managerApi.get("/api/meetings/" + meetingId).bodyAsJsonObject().fieldNames())
          .noneMatch(name -> name.toLowerCase().contains("feedback") || name.toLowerCase().contains("answer"));

      for (Topic topic : Topic.values()) {
        for (Expectation expectation : Expectation.values()) {
          Cell cell = new Cell(topic, expectation);
          List<Given> model = released.getOrDefault(cell, List.of());
          long modelMembers = model.stream().map(Given::memberId).distinct().count();
          JsonObject shown = cell(insights, cell);
          boolean visible = Threshold.passes(model.size(), modelMembers);
          assertThat(shown.getBoolean("hidden")).as("seed %d step %d %s hidden", seed, step, cell).isEqualTo(!visible);
          if (!visible) {
            assertThat(shown.containsKey("n") || shown.containsKey("mean")).as("a hidden cell tells no count").isFalse();
            continue;
          }
          double mean = model.stream().mapToInt(Given::rating).average().orElseThrow();
          assertThat(shown.getLong("n")).isEqualTo(model.size());
          assertThat(shown.getDouble("mean")).isEqualTo(Math.round(mean * 100) / 100.0);
          Long before = lastVisibleN.put(cell, shown.getLong("n"));
          if (before == null || before != shown.getLong("n")) {
            assertThat(submittersSinceChange.get(cell)).as("members behind a change of %s", cell).hasSizeGreaterThanOrEqualTo(2);
            assertThat(shown.getLong("n") - (before == null ? 0 : before)).as("answers in one change").isGreaterThanOrEqualTo(2);
            submittersSinceChange.get(cell).clear();
          }
        }
      }

      List<Given> all = released.values().stream().flatMap(List::stream).toList();
      boolean monthVisible = Threshold.passes(all.size(), all.stream().map(Given::memberId).distinct().count());
      assertThat(insights.getJsonArray("trend")).as("trend at step %d", step).hasSize(monthVisible ? 1 : 0);
      if (monthVisible) {
        assertThat(insights.getJsonArray("trend").getJsonObject(0).getLong("n")).isEqualTo(all.size());
      }

      Set<String> expectedMarkers = new HashSet<>();
      released.values().forEach(list -> list.stream().map(Given::sharedMarker).filter(m -> m != null)
          .forEach(expectedMarkers::add));
      Set<String> shownMarkers = new HashSet<>();
      for (Object o : hints) {
        String text = ((JsonObject) o).getString("text");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("m" + seed + "x\\d+x\\d+z").matcher(text);
        if (m.find()) {
          shownMarkers.add(m.group());
        }
      }
      assertThat(shownMarkers).as("shared comments released with their cell at step %d", step)
          .isEqualTo(expectedMarkers);
    }
    assertThat(released.values().stream().mapToInt(List::size).sum()).as("the history released something").isPositive();
    assertThat(lastVisibleN).as("some cell became visible, so the change checks ran").isNotEmpty();
    assertThat(meetings).hasSize(STEPS);
  }

  private static List<Cell> randomAgenda(Random random) {
    List<Cell> agenda = new ArrayList<>();
    for (Topic topic : TOPICS) {
      if (random.nextInt(3) > 0) {
        agenda.add(new Cell(topic, EXPECTATIONS[random.nextInt(EXPECTATIONS.length)]));
      }
    }
    if (agenda.isEmpty()) {
      agenda.add(new Cell(TOPICS[random.nextInt(TOPICS.length)], EXPECTATIONS[random.nextInt(EXPECTATIONS.length)]));
    }
    return agenda;
  }

  private static void assertNoSecret(String body, Set<String> secrets, String what) {
    for (String secret : secrets) {
      assertThat(body).as("%s names no member or meeting", what).doesNotContainIgnoringCase(secret);
    }
  }
}
