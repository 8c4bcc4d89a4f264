package dev.kizuna.server.analytics;

import dev.kizuna.server.feedback.Threshold;
import dev.kizuna.server.orgunit.Anonymity;
import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the admin analytics report from held meetings, pulse satisfaction and meeting feedback.
 * Pure computation: run it on a worker.
 */
final class AnalyticsReport {

  /** Days in a mean Gregorian month (365.2425 / 12). */
  static final double DAYS_PER_MONTH = 365.2425 / 12;

  private AnalyticsReport() {}

  /**
   * {@code {from, to, days, months, minAnswerers, feedbackThreshold: {answers, members, managers},
   * groups:[{level, unit, meetings, activePairs, meetingsPerPairPerMonth, biweeklyPairs,
   * biweeklyShare, topics, expectations, satisfaction?, meetingSatisfaction?, managerCells?}]}} for
   * the days {@code from}..{@code to} (inclusive, UTC). Every group with a meeting, shown pulse
   * satisfaction or shown feedback appears; a meeting counts in the groups of its pair's member,
   * feedback in the groups of the rated manager.
   */
  static JsonObject build(LocalDate from, LocalDate to, List<HeldMeeting> held, Map<UnitGroup, Satisfaction> satisfaction,
      Map<UnitGroup, GroupFeedback> feedback) {
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    double months = days / DAYS_PER_MONTH;
    Map<UnitGroup, ActivityStats> stats = new HashMap<>();
    for (HeldMeeting meeting : held) {
      for (UnitGroup group : UnitGroup.of(meeting.unit())) {
        stats.computeIfAbsent(group, g -> new ActivityStats()).add(meeting);
      }
    }
    Set<UnitGroup> groups = new HashSet<>(stats.keySet());
    groups.addAll(satisfaction.keySet());
    feedback.forEach((group, f) -> {
      if (!f.isEmpty()) {
        groups.add(group);
      }
    });
    JsonArray rows = new JsonArray(groups.stream().sorted(UnitGroup.REPORT_ORDER).map(group -> {
      JsonObject row = group.toJson().mergeIn(stats.getOrDefault(group, new ActivityStats()).toJson(months));
      Satisfaction s = satisfaction.get(group);
      if (s != null) {
        row.put("satisfaction", s.toJson());
      }
      GroupFeedback f = feedback.get(group);
      return f == null ? row : f.addTo(row);
    }).toList());
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("days", days)
        .put("months", months)
        .put("minAnswerers", Anonymity.MIN_ANSWERERS)
        .put("feedbackThreshold", new JsonObject().put("answers", Threshold.MIN_ANSWERS)
            .put("members", Threshold.MIN_MEMBERS).put("managers", Threshold.MIN_MANAGERS))
        .put("groups", rows);
  }
}
