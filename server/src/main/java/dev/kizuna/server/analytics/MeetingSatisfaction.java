package dev.kizuna.server.analytics;

import io.vertx.core.json.JsonObject;

/**
 * How members rated a group's meetings in a window: released per-meeting feedback only.
 *
 * @param answers ratings behind the mean (one per agenda item)
 * @param mean mean rating, 1..5, two decimals
 */
public record MeetingSatisfaction(long answers, double mean) {

  /** {@code {answers, mean}}. */
  public JsonObject toJson() {
    return new JsonObject().put("answers", answers).put("mean", mean);
  }
}
