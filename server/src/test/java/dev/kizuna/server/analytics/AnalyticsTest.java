package dev.kizuna.server.analytics;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin analytics over a seeded history of meetings and pulse answers: every expected figure
 * is worked out here from the seeded data by the definitions of docs/ARCHITECTURE.md.
 */
class AnalyticsTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static final LocalDate FROM = LocalDate.parse("2026-09-01");
  private static final LocalDate TO = LocalDate.parse("2026-10-31");

  /** A seeded meeting: pair, member's unit, status, start (null: never joined), end, agenda. */
  private record Seed(String pair, String unit, MeetingStatus status, Instant startedAt, Instant endedAt,
      List<AgendaItem> items) {

    Instant heldAt() {
      return startedAt != null ? startedAt : endedAt;
    }

    boolean counted() {
      return status == MeetingStatus.ENDED && !heldAt().isBefore(FROM.atStartOfDay().toInstant(ZoneOffset.UTC))
          && heldAt().isBefore(TO.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
  }

  private static Instant at(String day) {
    return Instant.parse(day + "T09:00:00Z");
  }

  private static Seed held(String pair, String unit, String day, AgendaItem... items) {
    return new Seed(pair, unit, MeetingStatus.ENDED, at(day), at(day).plus(Duration.ofMinutes(30)), List.of(items));
  }

  private static AgendaItem item(Topic topic, Expectation expectation) {
    return new AgendaItem(topic, expectation, null);
  }

  @Test
  @DisplayName("meetings, meetings per pair and month, the share of pairs meeting every two weeks, topic and expectation mix and anonymous satisfaction per unit")
  void reportFromSeededHistory() {
    List<Seed> seeds = List.of(
        // p1: gaps of 9, 14 and 14 days: meets every two weeks (14 days exactly still counts).
        held("p1", "Sales/East", "2026-09-01", item(Topic.WORK, Expectation.REPORT), item(Topic.CAREER, Expectation.THINK_TOGETHER)),
        held("p1", "Sales/East", "2026-09-10", item(Topic.WORK, Expectation.ADVICE)),
        held("p1", "Sales/East", "2026-09-24"),
        held("p1", "Sales/East", "2026-10-08", item(Topic.POLICY, Expectation.OPINION)),
        held("p1", "Sales/East", "2026-08-30", item(Topic.PRIVATE, Expectation.LISTEN)), // before the window
        // p2: 18 days apart: does not.
        held("p2", "Sales/East", "2026-09-02", item(Topic.SKILLS, Expectation.LISTEN)),
        held("p2", "Sales/East", "2026-09-20", item(Topic.CAREER, Expectation.LISTEN)),
        new Seed("p2", "Sales/East", MeetingStatus.PLANNED, null, null, List.of(item(Topic.OTHER, Expectation.OTHER))),
        // p3: a single meeting, ended without anyone joining: held at its end.
        new Seed("p3", "Engineering/Platform", MeetingStatus.ENDED, null, at("2026-09-05"),
            List.of(item(Topic.CONDITION, Expectation.LISTEN))),
        // p4: no unit; 9 days apart; its third meeting starts on the first instant after the window.
        held("p4", "", "2026-10-01", item(Topic.WORK, Expectation.THINK_TOGETHER)),
        held("p4", "", "2026-10-10", item(Topic.RELATIONSHIPS, Expectation.OPINION)),
        new Seed("p4", "", MeetingStatus.ENDED, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:30:00Z"),
            List.of(item(Topic.OTHER, Expectation.REPORT))));
    Map<String, Pairing> pairs = new HashMap<>();
    for (Seed seed : seeds) {
      Pairing pairing = pairs.computeIfAbsent(seed.pair(), p -> pair(seed.unit()));
      await(new MeetingRepository(node.store()).insert(meeting(pairing, seed)));
    }
    // Pulse answers as the pulse stores them (month, unit, scores; no identity). September:
    // Sales/East 3 (shown; Sales likewise, nothing outside it), Engineering/Platform 2 (hidden,
    // and so Engineering), 1 without unit (the organisation's rest: its 2 + 1 = 3, shown).
    // October: Sales/East 2, hidden everywhere.
    List<JsonObject> answers = List.of(
        answer("2026-09", "Sales/East", 4, 2, 8), answer("2026-09", "Sales/East", 5, 3, 10),
        answer("2026-09", "Sales/East", 3, 4, 12), answer("2026-09", "Engineering/Platform", 2, 5, 3),
        answer("2026-09", "Engineering/Platform", 4, 1, 9), answer("2026-09", "", 1, 2, 2),
        answer("2026-10", "Sales/East", 1, 1, 1), answer("2026-10", "Sales/East", 2, 2, 2),
        answer("2026-08", "Sales/East", 5, 5, 16), answer("2026-08", "Sales/East", 5, 5, 16),
        answer("2026-08", "Sales/East", 5, 5, 16));
    for (JsonObject answer : answers) {
      await(node.store().client().insert("pulse_responses", answer));
    }

    var response = node.admin().get("/api/admin/analytics?from=" + FROM + "&to=" + TO);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getLong("days")).isEqualTo(61);
    double months = 61 / (365.2425 / 12);
    assertThat(report.getDouble("months")).isCloseTo(months, within(1e-9));
    Map<String, JsonObject> groups = new HashMap<>();
    report.getJsonArray("groups").forEach(o -> groups.put(((JsonObject) o).getString("level") + ":"
        + ((JsonObject) o).getString("unit"), (JsonObject) o));
    assertThat(groups.keySet()).containsExactlyInAnyOrder("ORGANISATION:", "TOP:Sales", "UNIT:Sales/East",
        "TOP:Engineering", "UNIT:Engineering/Platform");

    Map<String, Predicate<String>> members = Map.of(
        "ORGANISATION:", unit -> true,
        "TOP:Sales", unit -> unit.startsWith("Sales/"),
        "UNIT:Sales/East", unit -> unit.equals("Sales/East"),
        "TOP:Engineering", unit -> unit.startsWith("Engineering/"),
        "UNIT:Engineering/Platform", unit -> unit.equals("Engineering/Platform"));
    members.forEach((key, inGroup) -> {
      JsonObject group = groups.get(key);
      List<Seed> counted = seeds.stream().filter(Seed::counted).filter(s -> inGroup.test(s.unit())).toList();
      Map<String, List<Instant>> byPair = counted.stream().collect(Collectors.groupingBy(Seed::pair,
          Collectors.mapping(Seed::heldAt, Collectors.toList())));
      long regular = byPair.values().stream().filter(held -> held.size() >= 2 && maxGapDays(held) <= 14).count();
      assertThat(group.getInteger("meetings")).as(key).isEqualTo(counted.size());
      assertThat(group.getInteger("activePairs")).as(key).isEqualTo(byPair.size());
      assertThat(group.getDouble("meetingsPerPairPerMonth")).as(key)
          .isCloseTo(counted.size() / (double) byPair.size() / months, within(1e-9));
      assertThat(group.getInteger("biweeklyPairs")).as(key).isEqualTo((int) regular);
      assertThat(group.getDouble("biweeklyShare")).as(key).isCloseTo(regular / (double) byPair.size(), within(1e-9));
      for (Topic topic : Topic.values()) {
        assertThat(group.getJsonObject("topics").getInteger(topic.name())).as("%s %s", key, topic)
            .isEqualTo((int) counted.stream().flatMap(s -> s.items().stream()).filter(i -> i.topic() == topic).count());
      }
      for (Expectation expectation : Expectation.values()) {
        assertThat(group.getJsonObject("expectations").getInteger(expectation.name())).as("%s %s", key, expectation)
            .isEqualTo((int) counted.stream().flatMap(s -> s.items().stream()).filter(i -> i.expectation() == expectation).count());
      }
    });
    assertThat(groups.get("ORGANISATION:").getInteger("biweeklyPairs")).as("p1 and p4").isEqualTo(2);

    List<JsonObject> september = answers.stream().filter(a -> a.getString("month").equals("2026-09")).toList();
    assertSatisfaction(groups.get("ORGANISATION:"), september);
    assertSatisfaction(groups.get("TOP:Sales"), september.stream().filter(a -> a.getString("unit").equals("Sales/East")).toList());
    assertSatisfaction(groups.get("UNIT:Sales/East"), september.stream().filter(a -> a.getString("unit").equals("Sales/East")).toList());
    assertThat(groups.get("TOP:Engineering").containsKey("satisfaction")).isFalse();
    assertThat(groups.get("UNIT:Engineering/Platform").containsKey("satisfaction")).isFalse();
  }

  @Test
  @DisplayName("only admins read analytics; a reversed, too long or impossible window is refused with 400")
  void onlyAdminsAndValidWindows() {
    for (String role : new String[] {"MEMBER", "MANAGER", "HR"}) {
      assertProblem(node.login(node.createUser("No Analytics " + role, role)).get("/api/admin/analytics"), 403);
    }
    Api admin = node.admin();
    assertProblem(admin.get("/api/admin/analytics?from=2026-10-02&to=2026-10-01"), 400);
    assertProblem(admin.get("/api/admin/analytics?from=2025-01-01&to=2026-01-02"), 400);
    assertProblem(admin.get("/api/admin/analytics?from=2026-02-30&to=2026-03-02"), 400);
    assertProblem(admin.get("/api/admin/analytics?from=yesterday"), 400);
    var defaults = admin.get("/api/admin/analytics");
    assertThat(defaults.statusCode()).as(defaults.bodyAsString()).isEqualTo(200);
    assertThat(defaults.bodyAsJsonObject().getLong("days")).isEqualTo(AnalyticsRoutes.DEFAULT_DAYS);
    assertThat(defaults.bodyAsJsonObject().getString("to")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
  }

  private static void assertSatisfaction(JsonObject group, List<JsonObject> answers) {
    JsonObject s = group.getJsonObject("satisfaction");
    assertThat(s.getString("source")).isEqualTo("pulse");
    assertThat(s.getInteger("responses")).isEqualTo(answers.size());
    for (String score : Set.of("growth", "condition", "stage")) {
      assertThat(s.getDouble(score)).as(score)
          .isCloseTo(answers.stream().mapToInt(a -> a.getInteger(score)).average().orElseThrow(), within(1e-9));
    }
  }

  private static long maxGapDays(List<Instant> held) {
    List<Instant> sorted = held.stream().sorted().toList();
    long max = 0;
    for (int i = 1; i < sorted.size(); i++) {
      max = Math.max(max, Duration.between(sorted.get(i - 1), sorted.get(i)).toDays());
    }
    return max;
  }

  private static JsonObject answer(String month, String unit, int growth, int condition, int stage) {
    return new JsonObject().put("_id", Ids.next()).put("month", month).put("unit", unit).put("growth", growth)
        .put("condition", condition).put("stage", stage).put("answers", new JsonArray()).put("schemaVersion", 1);
  }

  private record Pairing(String id, Account manager, Account member) {}

  private static Pairing pair(String unit) {
    Account manager = node.createUser("Analytics Manager", "MANAGER");
    Account member = node.createUser("Analytics Member", "en", unit, new String[] {"MEMBER"});
    return new Pairing(node.createPair(manager.id(), member.id()).getString("id"), manager, member);
  }

  private static Meeting meeting(Pairing pair, Seed seed) {
    Instant scheduled = seed.heldAt() != null ? seed.heldAt() : at("2026-10-20");
    return new Meeting(Ids.next(), pair.id(), pair.member().id(), pair.manager().id(), pair.member().name(),
        pair.manager().name(), scheduled, 30, seed.status(), new Agenda(seed.items(), null), seed.startedAt(),
        seed.endedAt(), scheduled.minus(Duration.ofDays(7)), null, List.of());
  }
}
