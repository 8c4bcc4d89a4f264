package dev.kizuna.server.analytics;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonObject;

/**
 * One topic x expectation cell of a group's managers together against a baseline.
 *
 * @param mean the group's mean rating in the cell, 1..5, two decimals
 * @param baseline the mean it is compared with, two decimals
 * @param diff {@code mean - baseline} before rounding, two decimals
 * @param answers ratings behind {@code mean}
 * @param managers managers behind {@code mean} (at least 2)
 */
public record CellComparison(Topic topic, Expectation expectation, double mean, double baseline, double diff,
    long answers, int managers) {

  /** {@code {topic, expectation, mean, baseline, diff, n, managers}}. */
  public JsonObject toJson() {
    return new JsonObject().put("topic", topic.name()).put("expectation", expectation.name()).put("mean", mean)
        .put("baseline", baseline).put("diff", diff).put("n", answers).put("managers", managers);
  }
}
