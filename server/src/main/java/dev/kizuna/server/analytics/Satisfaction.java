package dev.kizuna.server.analytics;

import io.vertx.core.json.JsonObject;

/**
 * How satisfied a group is over a window, from one source; only from answers the anonymity rule
 * lets through.
 *
 * @param source where the numbers come from ({@code pulse})
 * @param responses answers behind the averages
 * @param growth mean growth feeling, 1..5
 * @param condition mean condition, 1..5
 * @param stage mean relationship stage, 0..16
 * @param belowHonestTalkLine share of answers below relationship stage 9, 0..1
 */
public record Satisfaction(String source, int responses, double growth, double condition, double stage,
    double belowHonestTalkLine) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("source", source)
        .put("responses", responses)
        .put("growth", growth)
        .put("condition", condition)
        .put("stage", stage)
        .put("belowHonestTalkLine", belowHonestTalkLine);
  }
}
