package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonObject;

/**
 * A hint shown to the manager during the meeting: a behavioural cue, or one of the current
 * agenda item's cell hints.
 *
 * @param id unique; the manager marks a hint helpful by it
 * @param kind {@code cue} or {@code item}
 * @param cue the cue, for {@code kind = cue}
 * @param hintKey the library hint's key, for {@code kind = item}
 * @param topic the current item's topic, or {@code null} without an agenda
 * @param expectation the current item's expectation, or {@code null}
 * @param reason why it shows, machine-readable ({@code manager-share=0.62}, {@code current-item=1})
 */
public record LiveHint(String id, String kind, CueKind cue, String hintKey, String text, Topic topic,
    Expectation expectation, String reason) {

  /** The room socket's {@code hint} frame (PROTOCOL.md), sent to the manager only. */
  public JsonObject toMessage() {
    JsonObject json = new JsonObject().put("type", "hint").put("id", id).put("kind", kind).put("text", text)
        .put("reason", reason);
    if (cue != null) {
      json.put("cue", cue.name());
    }
    if (hintKey != null) {
      json.put("hintKey", hintKey);
    }
    if (topic != null) {
      json.put("topic", topic.name()).put("expectation", expectation.name());
    }
    return json;
  }
}
