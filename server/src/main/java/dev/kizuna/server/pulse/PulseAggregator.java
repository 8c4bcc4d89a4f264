package dev.kizuna.server.pulse;

import dev.kizuna.server.analytics.Satisfaction;
import dev.kizuna.server.orgunit.Anonymity;
import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aggregates anonymous pulse answers per organisation group ({@link UnitGroup}), one calendar
 * month at a time, showing only the groups {@link Anonymity} lets through. Pure computation: run it
 * on a worker.
 */
final class PulseAggregator {

  private PulseAggregator() {}

  /**
   * The report of one month: {@code {month, minAnswerers, questions, groups:[{level, unit,
   * responses, growth, condition, stage, belowHonestTalkLine, questions}]}}.
   *
   * @param responses the month's stored anonymous answers
   * @param questions the custom questions asked now
   */
  static JsonObject month(YearMonth month, List<JsonObject> responses, List<PulseQuestion> questions) {
    Map<UnitGroup, PulseStats> stats = perGroup(responses, questions);
    Set<UnitGroup> shown = Anonymity.shown(counts(stats));
    JsonArray groups = new JsonArray(stats.keySet().stream()
        .filter(shown::contains)
        .sorted(UnitGroup.REPORT_ORDER)
        .map(g -> g.toJson().mergeIn(stats.get(g).toJson(questions)))
        .toList());
    return new JsonObject()
        .put("month", month.toString())
        .put("minAnswerers", Anonymity.MIN_ANSWERERS)
        .put("questions", new JsonArray(questions.stream().map(PulseQuestion::toJson).toList()))
        .put("groups", groups);
  }

  /**
   * Scores per group over several months: each month's groups pass the anonymity rule on their
   * own (a member answers once a month, so only within a month are answers from distinct people),
   * and the shown months are pooled, weighted by their answers.
   *
   * @param responses stored anonymous answers, each with its {@code month}
   */
  static Map<UnitGroup, Satisfaction> satisfaction(List<JsonObject> responses) {
    Map<String, List<JsonObject>> byMonth = responses.stream().collect(Collectors.groupingBy(r -> r.getString("month")));
    Map<UnitGroup, PulseStats> pooled = new HashMap<>();
    for (List<JsonObject> month : byMonth.values()) {
      Map<UnitGroup, PulseStats> stats = perGroup(month, List.of());
      for (UnitGroup group : Anonymity.shown(counts(stats))) {
        pooled.computeIfAbsent(group, g -> new PulseStats()).addScores(stats.get(group));
      }
    }
    return pooled.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().satisfaction()));
  }

  private static Map<UnitGroup, PulseStats> perGroup(List<JsonObject> responses, List<PulseQuestion> questions) {
    Map<String, PulseQuestion> byId = questions.stream().collect(Collectors.toMap(PulseQuestion::id, Function.identity()));
    Map<UnitGroup, PulseStats> stats = new HashMap<>();
    for (JsonObject response : responses) {
      for (UnitGroup group : UnitGroup.of(response.getString("unit", ""))) {
        stats.computeIfAbsent(group, g -> new PulseStats()).add(response, byId);
      }
    }
    return stats;
  }

  private static Map<UnitGroup, Integer> counts(Map<UnitGroup, PulseStats> stats) {
    return stats.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().responses()));
  }
}
