package dev.kizuna.server.analytics;

import static dev.kizuna.server.feedback.FeedbackFixture.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.feedback.Cell;
import dev.kizuna.server.feedback.FeedbackFixture;
import dev.kizuna.server.feedback.FeedbackFixture.Member;
import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Meeting satisfaction and managers' strengths and weaknesses in the admin analytics, from feedback
 * members submit through the API and the release publishes. Expected figures are worked out here
 * from the seeded ratings by the definitions of docs/ARCHITECTURE.md.
 */
class AnalyticsFeedbackTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS", FeedbackFixture.RELEASE_MS);

  private static final Cell WORK_LISTEN = new Cell(Topic.WORK, Expectation.LISTEN);
  private static final Cell CAREER_ADVICE = new Cell(Topic.CAREER, Expectation.ADVICE);
  private static final Cell POLICY_OPINION = new Cell(Topic.POLICY, Expectation.OPINION);

  /** A seeded manager: unit, agenda of every meeting, ratings per submission (round 1 m1, m2, round 2 m1, m2) and item. */
  private record Seed(String unit, List<Cell> agenda, int[][] ratings) {}

  private final FeedbackFixture fx = new FeedbackFixture(node);

  @Test
  @DisplayName("meeting satisfaction and strengths and weaknesses per unit: released feedback only, 2+ managers, no subtraction, no manager named")
  void feedbackPerUnit() {
    List<Cell> two = List.of(WORK_LISTEN, CAREER_ADVICE);
    Map<String, Seed> seeds = new LinkedHashMap<>();
    // Sales/East listens well and advises poorly; Engineering the other way round.
    seeds.put("A", new Seed("Sales/East", List.of(WORK_LISTEN, CAREER_ADVICE, POLICY_OPINION),
        new int[][] {{5, 2, 4}, {5, 3, 4}, {4, 2, 4}, {5, 2, 4}}));
    seeds.put("B", new Seed("Sales/East", two, new int[][] {{5, 2}, {4, 2}, {5, 3}, {5, 1}}));
    // Alone in Sales/West: hidden, and so is Sales (Sales minus Sales/East would be C).
    seeds.put("C", new Seed("Sales/West", two, new int[][] {{3, 4}, {3, 4}, {3, 4}, {3, 4}}));
    seeds.put("D", new Seed("Engineering/Platform", two, new int[][] {{2, 5}, {3, 5}, {2, 4}, {2, 5}}));
    seeds.put("E", new Seed("Engineering/Platform", two, new int[][] {{3, 5}, {2, 4}, {2, 5}, {3, 5}}));
    // No unit: with C, the organisation's remainder outside its shown groups is two managers.
    seeds.put("F", new Seed("", two, new int[][] {{4, 5}, {4, 5}, {4, 5}, {3, 5}}));

    Map<String, Account> managers = new HashMap<>();
    Map<String, List<Member>> members = new HashMap<>();
    seeds.forEach((key, seed) -> {
      Account manager = node.createUser("Manager " + key + " Analytics", "en", seed.unit(), new String[] {"MANAGER"});
      managers.put(key, manager);
      members.put(key, List.of(fx.memberOf(manager, "Member " + key + "1"), fx.memberOf(manager, "Member " + key + "2")));
    });
    // Support/Desk: each manager's only member answers twice; one member's answers are never released.
    List<Account> pendingOnly = new ArrayList<>();
    for (String key : List.of("G", "H")) {
      Account manager = node.createUser("Manager " + key + " Analytics", "en", "Support/Desk", new String[] {"MANAGER"});
      pendingOnly.add(manager);
      Member lone = fx.memberOf(manager, "Member " + key + "1");
      for (int i = 0; i < 2; i++) {
        fx.submit(lone, fx.endedMeeting(lone, two), feedback(new int[] {1, 1}, null, false));
      }
    }
    // Two rounds: in each, both members of every manager answer, then a release publishes them.
    for (int round = 0; round < 2; round++) {
      for (var entry : seeds.entrySet()) {
        for (int m = 0; m < 2; m++) {
          Member member = members.get(entry.getKey()).get(m);
          fx.submit(member, fx.endedMeeting(member, entry.getValue().agenda()),
              feedback(entry.getValue().ratings()[round * 2 + m], null, false));
        }
      }
      fx.awaitRelease();
    }

    var response = node.admin().get("/api/admin/analytics");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    String body = response.bodyAsString();
    for (Account manager : managers.values()) {
      assertThat(body).doesNotContain(manager.id()).doesNotContain(manager.name());
    }
    for (Account manager : pendingOnly) {
      assertThat(body).doesNotContain(manager.id()).doesNotContain(manager.name());
    }
    assertThat(body).doesNotContain("managerId");
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getJsonObject("feedbackThreshold"))
        .isEqualTo(new JsonObject().put("answers", 3).put("members", 2).put("managers", 2));
    Map<String, JsonObject> groups = new HashMap<>();
    report.getJsonArray("groups").forEach(o -> groups.put(((JsonObject) o).getString("level") + ":"
        + ((JsonObject) o).getString("unit"), (JsonObject) o));

    Map<String, Predicate<String>> shown = Map.of(
        "ORGANISATION:", unit -> true,
        "TOP:Engineering", unit -> unit.startsWith("Engineering/"),
        "UNIT:Engineering/Platform", unit -> unit.equals("Engineering/Platform"),
        "UNIT:Sales/East", unit -> unit.equals("Sales/East"));
    for (String hidden : List.of("TOP:Sales", "UNIT:Sales/West", "TOP:Support", "UNIT:Support/Desk")) {
      JsonObject group = groups.getOrDefault(hidden, new JsonObject());
      assertThat(group.containsKey("meetingSatisfaction")).as(hidden).isFalse();
      assertThat(group.containsKey("managerCells")).as(hidden).isFalse();
    }

    Map<Cell, double[]> organisationCells = cellTotals(seeds, unit -> true);
    double[] overall = new double[2];
    organisationCells.values().forEach(t -> {
      overall[0] += t[0];
      overall[1] += t[1];
    });
    shown.forEach((key, inGroup) -> {
      JsonObject group = groups.get(key);
      assertThat(group).as(key).isNotNull();
      int[] ratings = seeds.values().stream().filter(s -> inGroup.test(s.unit()))
          .flatMap(s -> List.of(s.ratings()).stream()).flatMapToInt(java.util.Arrays::stream).toArray();
      JsonObject satisfaction = group.getJsonObject("meetingSatisfaction");
      assertThat(satisfaction.getLong("answers")).as(key).isEqualTo(ratings.length);
      assertThat(satisfaction.getDouble("mean")).as(key)
          .isCloseTo(java.util.Arrays.stream(ratings).average().orElseThrow(), within(0.0051));

      List<JsonObject> expected = new ArrayList<>();
      cellTotals(seeds, inGroup).forEach((cell, t) -> {
        double base = key.equals("ORGANISATION:") ? overall[0] / overall[1]
            : organisationCells.get(cell)[0] / organisationCells.get(cell)[1];
        expected.add(new JsonObject().put("topic", cell.topic().name()).put("expectation", cell.expectation().name())
            .put("mean", t[0] / t[1]).put("baseline", base).put("diff", t[0] / t[1] - base)
            .put("n", (long) t[1]).put("managers", (int) t[2]));
      });
      JsonObject cells = group.getJsonObject("managerCells", new JsonObject());
      assertCells(key, cells.getJsonArray("strengths", new JsonArray()),
          expected.stream().filter(c -> c.getDouble("diff") > 0)
              .sorted(Comparator.comparingDouble((JsonObject c) -> c.getDouble("diff")).reversed()).toList());
      assertCells(key, cells.getJsonArray("weaknesses", new JsonArray()),
          expected.stream().filter(c -> c.getDouble("diff") < 0)
              .sorted(Comparator.comparingDouble(c -> c.getDouble("diff"))).toList());
    });
    // A's POLICY x OPINION passes the threshold for A alone: never shown as a group's cell.
    assertThat(body).doesNotContain(Topic.POLICY.name() + "\",\"expectation\":\"" + Expectation.OPINION.name());
    assertThat(groups.get("UNIT:Sales/East").getJsonObject("managerCells").getJsonArray("strengths")
        .getJsonObject(0).getString("topic")).isEqualTo(Topic.WORK.name());
  }

  /**
   * Per cell shared by two or more managers of the group: {sum, answers, managers}. Every seeded
   * manager's cell has 4 answers from 2 members, so each passes the threshold on its own.
   */
  private static Map<Cell, double[]> cellTotals(Map<String, Seed> seeds, Predicate<String> inGroup) {
    Map<Cell, double[]> totals = new HashMap<>();
    for (Seed seed : seeds.values()) {
      if (!inGroup.test(seed.unit())) {
        continue;
      }
      for (int i = 0; i < seed.agenda().size(); i++) {
        double[] t = totals.computeIfAbsent(seed.agenda().get(i), c -> new double[3]);
        for (int[] submission : seed.ratings()) {
          t[0] += submission[i];
          t[1]++;
        }
        t[2]++;
      }
    }
    totals.values().removeIf(t -> t[2] < 2);
    return totals;
  }

  private static void assertCells(String group, JsonArray actual, List<JsonObject> expected) {
    assertThat(actual.size()).as("%s: %s", group, actual).isEqualTo(Math.min(expected.size(), 3));
    for (int i = 0; i < actual.size(); i++) {
      JsonObject a = actual.getJsonObject(i);
      JsonObject e = expected.get(i);
      assertThat(a.getString("topic") + "." + a.getString("expectation")).as(group)
          .isEqualTo(e.getString("topic") + "." + e.getString("expectation"));
      for (String number : Set.of("mean", "baseline", "diff")) {
        assertThat(a.getDouble(number)).as("%s %s", group, number).isCloseTo(e.getDouble(number), within(0.0051));
      }
      assertThat(a.getLong("n")).as(group).isEqualTo(e.getLong("n"));
      assertThat(a.getInteger("managers")).as(group).isEqualTo(e.getInteger("managers"));
    }
  }
}
