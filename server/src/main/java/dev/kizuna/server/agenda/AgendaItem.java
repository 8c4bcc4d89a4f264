package dev.kizuna.server.agenda;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One topic the member brings, with the response they expect and an optional note.
 *
 * @param note free text, at most {@link #MAX_NOTE_LENGTH} characters, or {@code null}
 */
public record AgendaItem(Topic topic, Expectation expectation, String note) {

  /** Longest note, in characters. */
  public static final int MAX_NOTE_LENGTH = 1000;

  public AgendaItem {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(expectation, "expectation");
    if (note != null && note.isBlank()) {
      note = null;
    }
    // Characters as the OpenAPI maxLength counts them: code points, so an emoji counts once.
    if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException("note longer than " + MAX_NOTE_LENGTH);
    }
  }

  /**
   * Reads {@code {topic, expectation, note?}}.
   *
   * @throws IllegalArgumentException on unknown keys or a too-long note
   */
  public static AgendaItem fromJson(JsonObject json) {
    return new AgendaItem(Topic.valueOf(json.getString("topic")), Expectation.valueOf(json.getString("expectation")),
        json.getString("note"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("topic", topic.name()).put("expectation", expectation.name());
    if (note != null) {
      json.put("note", note);
    }
    return json;
  }
}
