package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * One hint in one language. The library's entry {@code key} has a hint per language; the pair
 * (key, language) identifies it.
 *
 * @param topic for CELL, COMMUNITY and ICEBREAKER, else {@code null}
 * @param expectation for CELL and COMMUNITY, else {@code null}
 * @param stageFrom first relationship stage (0-16) of a LEVER's band, else {@code null}
 * @param stageTo last stage of a LEVER's band, else {@code null}
 * @param time for ICEBREAKER, else {@code null}
 * @param language {@code en} or {@code ja}
 * @param source where the text comes from: {@code kizuna-curated} for the shipped library,
 *     {@code MEMBER} or {@code MANAGER} for a COMMUNITY hint, or what an admin names
 * @param edited whether an admin changed the shipped text (seeding never overwrites it then)
 */
public record Hint(String key, HintKind kind, Topic topic, Expectation expectation, Integer stageFrom, Integer stageTo,
    IcebreakerTime time, String language, String text, String source, boolean edited) {

  /** The languages hints are written in (those of the web client's resource bundles). */
  public static final Set<String> LANGUAGES = Set.of("en", "ja");
  /** Longest hint text, in characters. */
  public static final int MAX_TEXT_LENGTH = 500;

  public Hint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("unknown hint language " + language + " of " + key);
    }
    if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("hint " + key + " needs a text of 1 to " + MAX_TEXT_LENGTH + " characters");
    }
    boolean shaped = switch (kind) {
      case CELL, COMMUNITY -> topic != null && expectation != null;
      case ICEBREAKER -> topic != null && time != null;
      case LEVER -> stageFrom != null && stageTo != null && 0 <= stageFrom && stageFrom <= stageTo && stageTo <= 16;
    };
    if (!shaped) {
      throw new IllegalArgumentException("hint " + key + " lacks what a " + kind + " needs");
    }
  }

  /** The document id: key and language. */
  public String id() {
    return key + ":" + language;
  }

  /** This hint with an admin's text and source. */
  public Hint editedTo(String newText, String newSource) {
    return new Hint(key, kind, topic, expectation, stageFrom, stageTo, time, language, newText, newSource, true);
  }

  /** {@code {key, kind, topic?, expectation?, stageFrom?, stageTo?, time?, language, text, source, edited}}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("key", key).put("kind", kind.name());
    if (topic != null) {
      json.put("topic", topic.name());
    }
    if (expectation != null) {
      json.put("expectation", expectation.name());
    }
    if (stageFrom != null) {
      json.put("stageFrom", stageFrom).put("stageTo", stageTo);
    }
    if (time != null) {
      json.put("time", time.name());
    }
    return json.put("language", language).put("text", text).put("source", source).put("edited", edited);
  }

  /** Reads what {@link #toJson()} wrote (a stored document has the same fields). */
  public static Hint fromJson(JsonObject json) {
    return new Hint(json.getString("key"), HintKind.valueOf(json.getString("kind")),
        json.getString("topic") == null ? null : Topic.valueOf(json.getString("topic")),
        json.getString("expectation") == null ? null : Expectation.valueOf(json.getString("expectation")),
        json.getInteger("stageFrom"), json.getInteger("stageTo"),
        json.getString("time") == null ? null : IcebreakerTime.valueOf(json.getString("time")),
        json.getString("language"), json.getString("text"), json.getString("source"),
        json.getBoolean("edited", false));
  }
}
