package dev.kizuna.server.insights;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.feedback.Cell;
import dev.kizuna.server.feedback.CellStats;
import dev.kizuna.server.feedback.PeriodStats;
import dev.kizuna.server.feedback.Threshold;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manager's insights from released, aggregated feedback only: each cell's mean against the
 * organisation's and all users' means, strengths and weaknesses, and the trend by month. Cells and
 * months below {@link Threshold} are hidden, and count in no average.
 *
 * <p>Organisation = managers whose unit has the same top-level segment ({@code Engineering} for
 * {@code Engineering/Platform}): exact units are often too small to pass the threshold.
 */
public final class Insights {

  /** Most strengths (and weaknesses) listed. */
  static final int TOP = 3;

  private Insights() {}

  /**
   * The insights of {@code managerId}.
   *
   * @param org the manager's top-level unit ({@code ""}: none, so no organisation mean)
   * @param all every manager's released cells
   * @param periods the manager's months, oldest first
   */
  public static JsonObject of(String managerId, String org, List<CellStats> all, List<PeriodStats> periods) {
    Map<Cell, CellStats> mine = new HashMap<>();
    Map<Cell, long[]> orgSums = new HashMap<>();
    Map<Cell, long[]> allSums = new HashMap<>();
    for (CellStats s : all) {
      if (s.managerId().equals(managerId)) {
        mine.put(s.cell(), s);
      }
      if (!s.visible()) {
        continue;
      }
      add(allSums, s);
      if (!org.isEmpty() && org.equals(s.org())) {
        add(orgSums, s);
      }
    }
    JsonArray cells = new JsonArray();
    List<JsonObject> compared = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      for (Expectation expectation : Expectation.values()) {
        Cell cell = new Cell(topic, expectation);
        JsonObject json = new JsonObject().put("topic", topic.name()).put("expectation", expectation.name());
        CellStats own = mine.get(cell);
        if (own != null && own.visible()) {
          json.put("hidden", false).put("mean", round(own.mean())).put("n", own.answers());
        } else {
          json.put("hidden", true).put("reason", Threshold.BELOW);
        }
        Optional<Double> orgMean = mean(orgSums.get(cell));
        Optional<Double> allMean = mean(allSums.get(cell));
        orgMean.ifPresent(m -> json.put("orgMean", round(m)));
        allMean.ifPresent(m -> json.put("allMean", round(m)));
        if (!json.getBoolean("hidden") && allMean.isPresent()) {
          compared.add(new JsonObject().put("topic", topic.name()).put("expectation", expectation.name())
              .put("mean", json.getDouble("mean")).put("n", own.answers()).put("allMean", round(allMean.get()))
              .put("diff", round(own.mean() - allMean.get())));
        }
        cells.add(json);
      }
    }
    compared.sort(Comparator.comparingDouble((JsonObject c) -> c.getDouble("diff")).reversed());
    JsonArray strengths = new JsonArray(compared.stream().filter(c -> c.getDouble("diff") > 0).limit(TOP).toList());
    JsonArray weaknesses = new JsonArray(compared.stream().filter(c -> c.getDouble("diff") < 0)
        .sorted(Comparator.comparingDouble(c -> c.getDouble("diff"))).limit(TOP).toList());
    JsonArray trend = new JsonArray(periods.stream().filter(PeriodStats::visible)
        .map(p -> new JsonObject().put("period", p.period()).put("mean", round(p.mean())).put("n", p.answers()))
        .toList());
    return new JsonObject()
        .put("threshold", new JsonObject().put("answers", Threshold.MIN_ANSWERS).put("members", Threshold.MIN_MEMBERS))
        .put("org", org)
        .put("cells", cells)
        .put("strengths", strengths)
        .put("weaknesses", weaknesses)
        .put("trend", trend);
  }

  private static void add(Map<Cell, long[]> sums, CellStats s) {
    long[] sum = sums.computeIfAbsent(s.cell(), k -> new long[2]);
    sum[0] += s.sum();
    sum[1] += s.answers();
  }

  private static Optional<Double> mean(long[] sum) {
    return sum == null || sum[1] == 0 ? Optional.empty() : Optional.of((double) sum[0] / sum[1]);
  }

  /** Two decimals: enough to compare, and no spurious precision. */
  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
