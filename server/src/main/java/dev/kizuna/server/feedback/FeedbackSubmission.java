package dev.kizuna.server.feedback;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's feedback on one meeting, checked against its agenda: every item rated exactly once.
 *
 * @param items one rating per agenda item, in agenda order
 * @param shareAsHint the member agrees that the "what was good" texts become anonymous hints
 */
public record FeedbackSubmission(List<RatedItem> items, boolean shareAsHint) {

  /** Longest "what was good" text, in characters (a hint's length). */
  public static final int MAX_GOOD_LENGTH = 500;
  /** The agenda a meeting without topics is rated as (the summariser treats it the same way). */
  private static final List<AgendaItem> NO_AGENDA = List.of(new AgendaItem(Topic.OTHER, Expectation.OTHER, null));

  /**
   * Reads {@code {items:[{index, rating, good?}], shareAsHint}} for a meeting with {@code agenda}.
   *
   * @throws IllegalArgumentException when an item is missing, rated twice, out of range, or a text too long
   */
  public static FeedbackSubmission from(JsonObject body, List<AgendaItem> agenda) {
    int size = cellsOf(agenda).size();
    RatedItem[] byIndex = new RatedItem[size];
    for (Object o : body.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      int index = item.getInteger("index");
      int rating = item.getInteger("rating");
      String good = item.getString("good");
      if (good != null && good.isBlank()) {
        good = null;
      }
      if (index < 0 || index >= size) {
        throw new IllegalArgumentException("item " + index + " is not on this meeting's agenda of " + size);
      }
      if (byIndex[index] != null) {
        throw new IllegalArgumentException("item " + index + " is rated twice");
      }
      if (rating < 1 || rating > 5) {
        throw new IllegalArgumentException("ratings go from 1 to 5");
      }
      if (good != null && good.codePointCount(0, good.length()) > MAX_GOOD_LENGTH) {
        throw new IllegalArgumentException("'what was good' is limited to " + MAX_GOOD_LENGTH + " characters");
      }
      byIndex[index] = new RatedItem(index, rating, good);
    }
    List<RatedItem> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (byIndex[i] == null) {
        throw new IllegalArgumentException("rate every agenda item; item " + i + " is missing");
      }
      items.add(byIndex[i]);
    }
    return new FeedbackSubmission(items, body.getBoolean("shareAsHint", false));
  }

  /** The cells of {@code agenda}, in order; a meeting without agenda is one OTHER x OTHER item. */
  public static List<Cell> cellsOf(List<AgendaItem> agenda) {
    return (agenda.isEmpty() ? NO_AGENDA : agenda).stream().map(i -> new Cell(i.topic(), i.expectation())).toList();
  }
}
