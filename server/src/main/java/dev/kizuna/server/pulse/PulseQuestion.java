package dev.kizuna.server.pulse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A custom question an admin adds to the monthly pulse, in English, Japanese or both.
 *
 * @param id stable id answers refer to
 * @param kind free text or one choice among the options
 * @param text the question per language ({@code en}, {@code ja}); at least one
 * @param options for {@link Kind#CHOICE}: {@value #MIN_OPTIONS}..{@value #MAX_OPTIONS} options, each per
 *     language; empty for {@link Kind#TEXT}
 */
public record PulseQuestion(String id, Kind kind, Map<String, String> text, List<Map<String, String>> options) {

  /** Free text or a single choice. */
  public enum Kind {
    TEXT,
    CHOICE
  }

  /** Most custom questions a pulse holds. */
  public static final int MAX_QUESTIONS = 10;
  public static final int MIN_OPTIONS = 2;
  public static final int MAX_OPTIONS = 8;
  /** Longest question or option text, in characters. */
  public static final int MAX_TEXT = 300;
  static final Set<String> LANGUAGES = Set.of("en", "ja");

  /**
   * @throws IllegalArgumentException on a blank or too-long text, an unknown language, or options
   *     that do not fit the kind
   */
  public PulseQuestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    text = texts(text, "question " + id);
    options = options.stream().map(o -> texts(o, "an option of question " + id)).toList();
    if (kind == Kind.TEXT && !options.isEmpty()) {
      throw new IllegalArgumentException("a TEXT question takes no options");
    }
    if (kind == Kind.CHOICE && (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS)) {
      throw new IllegalArgumentException("a CHOICE question takes " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
    }
  }

  private static Map<String, String> texts(Map<String, String> byLanguage, String what) {
    if (byLanguage.isEmpty()) {
      throw new IllegalArgumentException(what + " needs a text in en or ja");
    }
    Map<String, String> trimmed = new TreeMap<>();
    byLanguage.forEach((language, value) -> {
      if (!LANGUAGES.contains(language)) {
        throw new IllegalArgumentException(what + ": unknown language " + language);
      }
      String t = value == null ? "" : value.strip();
      if (t.isEmpty() || t.codePointCount(0, t.length()) > MAX_TEXT) {
        throw new IllegalArgumentException(what + ": the " + language + " text must be 1 to " + MAX_TEXT + " characters");
      }
      trimmed.put(language, t);
    });
    return Map.copyOf(trimmed);
  }

  /** Reads {@code {id, kind, text:{en?,ja?}, options?:[{en?,ja?}]}}; see the constructor for errors. */
  public static PulseQuestion fromJson(JsonObject json) {
    List<Map<String, String>> options = json.getJsonArray("options", new JsonArray()).stream()
        .map(o -> strings((JsonObject) o))
        .toList();
    return new PulseQuestion(json.getString("id"), Kind.valueOf(json.getString("kind")),
        strings(json.getJsonObject("text", new JsonObject())), options);
  }

  private static Map<String, String> strings(JsonObject json) {
    Map<String, String> map = new TreeMap<>();
    json.forEach(e -> map.put(e.getKey(), e.getValue() instanceof String s ? s : null));
    return map;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.name())
        .put("text", json(text))
        .put("options", new JsonArray(options.stream().map(PulseQuestion::json).toList()));
  }

  /** A per-language text as {@code {en?, ja?}}. */
  static JsonObject json(Map<String, String> byLanguage) {
    return new JsonObject(new TreeMap<String, Object>(byLanguage));
  }
}
