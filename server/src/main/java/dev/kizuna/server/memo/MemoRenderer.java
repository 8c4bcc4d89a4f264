package dev.kizuna.server.memo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Locale;
import java.util.ResourceBundle;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.MapEntry;
import org.automerge.ObjectId;

/**
 * Renders a memo document as JSON (every field, generically) and as plain text for people
 * (summaries, sharing): sections in the memo's order, headings from the {@code i18n/memo}
 * resource bundle in the reader's language, empty sections left out.
 */
public final class MemoRenderer {

  private MemoRenderer() {}

  /** The whole document as JSON: maps, lists, text as strings, scalars as they are. */
  public static JsonObject toJson(Document doc) {
    return map(doc, ObjectId.ROOT);
  }

  /**
   * The shared memo as plain text for people: the summary (proposed or accepted) first, then
   * what the pair typed.
   *
   * @param memo {@link #toJson} of a shared memo
   * @param locale language of headings and labels
   */
  public static String toText(JsonObject memo, Locale locale) {
    ResourceBundle labels = labels(locale);
    StringBuilder out = new StringBuilder();
    SummarySection.toWire(memo).ifPresent(summary -> summary(out, labels, summary));
    out.append(typedText(memo, locale));
    return out.toString().strip();
  }

  /** What the pair typed, without the summary section (the summariser's input). */
  public static String typedText(JsonObject memo, Locale locale) {
    ResourceBundle labels = labels(locale);
    StringBuilder out = new StringBuilder();
    for (Object o : memo.getJsonArray("items", new JsonArray())) {
      if (o instanceof JsonObject item) {
        String heading = label(labels, "topic." + item.getString("topic")) + " (" + label(labels,
            "expectation." + item.getString("expectation")) + ")";
        section(out, heading, item.getString("notes"));
      }
    }
    JsonObject keep = memo.getJsonObject("keepInMind", new JsonObject());
    section(out, labels.getString("keepInMind.member"), keep.getString("member"));
    section(out, labels.getString("keepInMind.manager"), keep.getString("manager"));
    section(out, labels.getString("nextTopics"), memo.getString("nextTopics"));
    StringBuilder promises = new StringBuilder();
    for (Object o : memo.getJsonArray("promises", new JsonArray())) {
      if (o instanceof JsonObject p && p.getString("what") != null && !p.getString("what").isBlank()) {
        promises.append(Boolean.TRUE.equals(p.getValue("done")) ? "[x] " : "[ ] ")
            .append(label(labels, "owner." + p.getString("owner"))).append(": ").append(p.getString("what").strip());
        if (p.getString("due") != null) {
          promises.append(" (").append(labels.getString("due")).append(' ').append(p.getString("due")).append(')');
        }
        promises.append('\n');
      }
    }
    section(out, labels.getString("promises"), promises.toString());
    section(out, labels.getString("free"), memo.getString("free"));
    return out.toString().strip();
  }

  private static ResourceBundle labels(Locale locale) {
    // No fallback to the JVM's default locale: an English reader gets the base bundle.
    return ResourceBundle.getBundle("i18n.memo", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The summary in wire form ({@link SummarySection#toWire}) as one section of lines. */
  private static void summary(StringBuilder out, ResourceBundle labels, JsonObject summary) {
    StringBuilder body = new StringBuilder();
    for (Object o : summary.getJsonArray("items", new JsonArray())) {
      if (o instanceof JsonObject item) {
        for (Object point : item.getJsonArray("points", new JsonArray())) {
          body.append("- ").append(label(labels, "topic." + item.getString("topic"))).append(": ").append(point).append('\n');
        }
      }
    }
    for (Object o : summary.getJsonArray("promises", new JsonArray())) {
      if (o instanceof JsonObject p) {
        body.append("- ").append(labels.getString("promise")).append(" (").append(label(labels, "owner." + p.getString("owner")))
            .append("): ").append(p.getString("what"));
        if (p.getString("due") != null) {
          body.append(" (").append(labels.getString("due")).append(' ').append(p.getString("due")).append(')');
        }
        body.append('\n');
      }
    }
    for (Object line : summary.getJsonArray("keepInMind", new JsonArray())) {
      body.append("- ").append(labels.getString("keepInMind")).append(": ").append(line).append('\n');
    }
    for (Object line : summary.getJsonArray("nextTopics", new JsonArray())) {
      body.append("- ").append(labels.getString("nextTopics")).append(": ").append(line).append('\n');
    }
    section(out, labels.getString("summary") + " (" + label(labels, "summary." + summary.getString("status")) + ")",
        body.toString());
  }

  private static void section(StringBuilder out, String heading, String body) {
    if (body == null || body.isBlank()) {
      return;
    }
    out.append("## ").append(heading).append('\n').append(body.strip()).append("\n\n");
  }

  private static String label(ResourceBundle labels, String key) {
    return labels.containsKey(key) ? labels.getString(key) : key.substring(key.indexOf('.') + 1);
  }

  private static JsonObject map(Document doc, ObjectId id) {
    JsonObject json = new JsonObject();
    for (MapEntry entry : doc.mapEntries(id).orElse(new MapEntry[0])) {
      json.put(entry.getKey(), value(doc, entry.getValue()));
    }
    return json;
  }

  private static Object value(Document doc, AmValue value) {
    if (value instanceof AmValue.Map m) {
      return map(doc, m.getId());
    }
    if (value instanceof AmValue.List list) {
      JsonArray json = new JsonArray();
      for (AmValue item : doc.listItems(list.getId()).orElse(new AmValue[0])) {
        json.add(value(doc, item));
      }
      return json;
    }
    if (value instanceof AmValue.Text text) {
      return doc.text(text.getId()).orElse("");
    }
    if (value instanceof AmValue.Str s) {
      return s.getValue();
    }
    if (value instanceof AmValue.Int i) {
      return i.getValue();
    }
    if (value instanceof AmValue.UInt u) {
      return u.getValue();
    }
    if (value instanceof AmValue.F64 f) {
      return f.getValue();
    }
    if (value instanceof AmValue.Bool b) {
      return b.getValue();
    }
    if (value instanceof AmValue.Timestamp t) {
      return t.getValue().toInstant().toString();
    }
    if (value instanceof AmValue.Counter c) {
      return c.getValue();
    }
    if (value instanceof AmValue.Bytes bytes) {
      return Base64.getEncoder().encodeToString(bytes.getValue());
    }
    return null;
  }
}
