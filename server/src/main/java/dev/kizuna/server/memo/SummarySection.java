package dev.kizuna.server.memo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.automerge.AmValue;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * The summary section of the shared memo, root key {@code summary}: {@code {status: "proposed"|"accepted",
 * producedBy, items: [{agendaIndex, topic, points: text}], promises: [{owner, what: text, due?}],
 * keepInMind: {MEMBER: text, MANAGER: text}, nextTopics: text}}. Every list of lines is one text field
 * with a line per entry, so both parties edit the draft live like the rest of the memo.
 */
public final class SummarySection {

  /** The root key of the section. */
  public static final String KEY = "summary";
  public static final String PROPOSED = "proposed";
  public static final String ACCEPTED = "accepted";

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final List<String> SIDES = List.of("MEMBER", "MANAGER");

  private SummarySection() {}

  /** The key points of one agenda item. */
  public record Item(int agendaIndex, String topic, List<String> points) {}

  /**
   * A promise of the draft.
   *
   * @param owner {@code MEMBER} or {@code MANAGER}
   * @param due {@code YYYY-MM-DD}, or null when no time was said
   */
  public record Commitment(String owner, String what, String due) {}

  /**
   * A summary as proposed to the pair.
   *
   * @param keepInMind lines per side, keyed {@code MEMBER} / {@code MANAGER}
   */
  public record Draft(String producedBy, List<Item> items, List<Commitment> promises,
      Map<String, List<String>> keepInMind, List<String> nextTopics) {}

  /**
   * Replaces the section with {@code draft} as proposed, unless the pair already accepted a summary
   * (an accepted summary is a record; a late or repeated generation must not overwrite it).
   *
   * @return whether the draft was written
   */
  public static boolean propose(Transaction tx, Draft draft) {
    if (ACCEPTED.equals(status(tx).orElse(null))) {
      return false;
    }
    ObjectId section = tx.set(ObjectId.ROOT, KEY, ObjectType.MAP);
    tx.set(section, "status", PROPOSED);
    tx.set(section, "producedBy", draft.producedBy());
    ObjectId items = tx.set(section, "items", ObjectType.LIST);
    for (Item item : draft.items()) {
      ObjectId entry = tx.insert(items, tx.length(items), ObjectType.MAP);
      tx.set(entry, "agendaIndex", item.agendaIndex());
      tx.set(entry, "topic", item.topic());
      text(tx, entry, "points", item.points());
    }
    ObjectId promises = tx.set(section, "promises", ObjectType.LIST);
    for (Commitment c : draft.promises()) {
      ObjectId entry = tx.insert(promises, tx.length(promises), ObjectType.MAP);
      tx.set(entry, "owner", c.owner());
      text(tx, entry, "what", List.of(c.what()));
      if (c.due() != null) {
        tx.set(entry, "due", c.due());
      }
    }
    ObjectId keep = tx.set(section, "keepInMind", ObjectType.MAP);
    for (String side : SIDES) {
      text(tx, keep, side, draft.keepInMind().getOrDefault(side, List.of()));
    }
    text(tx, section, "nextTopics", draft.nextTopics());
    return true;
  }

  /** Marks the section accepted; {@code false} if there is no section. */
  public static boolean markAccepted(Transaction tx) {
    Optional<ObjectId> section = section(tx);
    section.ifPresent(id -> tx.set(id, "status", ACCEPTED));
    return section.isPresent();
  }

  /**
   * The section of a memo rendered as JSON ({@link MemoRenderer#toJson}) in the wire form of
   * {@code GET /api/meetings/{id}/memo}: {@code {status, producedBy, items: [{agendaIndex, topic, points: [..]}],
   * promises: [{owner, what, due?}], keepInMind: [..], keepInMindBy: {MEMBER: [..], MANAGER: [..]},
   * nextTopics: [..]}}. Blank lines and promises whose text was cleared are left out: clearing a line is
   * how the pair removes it.
   */
  public static Optional<JsonObject> toWire(JsonObject memo) {
    JsonObject section = memo.getJsonObject(KEY);
    if (section == null) {
      return Optional.empty();
    }
    JsonArray items = new JsonArray();
    for (Object o : section.getJsonArray("items", new JsonArray())) {
      if (o instanceof JsonObject item) {
        items.add(new JsonObject().put("agendaIndex", item.getValue("agendaIndex")).put("topic", item.getString("topic"))
            .put("points", lines(item.getString("points"))));
      }
    }
    JsonArray promises = new JsonArray();
    for (Object o : section.getJsonArray("promises", new JsonArray())) {
      if (o instanceof JsonObject p && SIDES.contains(p.getString("owner")) && p.getString("what") != null
          && !p.getString("what").isBlank()) {
        JsonObject promise = new JsonObject().put("owner", p.getString("owner")).put("what", p.getString("what").strip());
        if (p.getString("due") != null && DATE.matcher(p.getString("due")).matches()) {
          promise.put("due", p.getString("due"));
        }
        promises.add(promise);
      }
    }
    JsonObject keep = section.getJsonObject("keepInMind", new JsonObject());
    JsonObject keepBy = new JsonObject();
    JsonArray keepAll = new JsonArray();
    for (String side : SIDES) {
      JsonArray sideLines = lines(keep.getString(side));
      keepBy.put(side, sideLines);
      keepAll.addAll(sideLines);
    }
    return Optional.of(new JsonObject()
        .put("status", section.getString("status", PROPOSED))
        .put("producedBy", section.getString("producedBy"))
        .put("items", items)
        .put("promises", promises)
        .put("keepInMind", keepAll)
        .put("keepInMindBy", keepBy)
        .put("nextTopics", lines(section.getString("nextTopics"))));
  }

  private static JsonArray lines(String text) {
    return new JsonArray(text == null ? List.of()
        : Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  private static void text(Transaction tx, ObjectId parent, String key, List<String> lines) {
    ObjectId text = tx.set(parent, key, ObjectType.TEXT);
    String value = String.join("\n", lines);
    if (!value.isEmpty()) {
      tx.spliceText(text, 0, 0, value);
    }
  }

  private static Optional<ObjectId> section(Transaction tx) {
    return tx.get(ObjectId.ROOT, KEY).filter(AmValue.Map.class::isInstance).map(v -> ((AmValue.Map) v).getId());
  }

  private static Optional<String> status(Transaction tx) {
    return section(tx).flatMap(id -> tx.get(id, "status")).filter(AmValue.Str.class::isInstance)
        .map(v -> ((AmValue.Str) v).getValue());
  }
}
