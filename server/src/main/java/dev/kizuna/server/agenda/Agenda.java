package dev.kizuna.server.agenda;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The member's agenda for one meeting: at most {@link #MAX_ITEMS} items, each topic once.
 *
 * @param updatedAt last change, or {@code null} if never set
 */
public record Agenda(List<AgendaItem> items, Instant updatedAt) {

  /** Most items an agenda holds (one per topic). */
  public static final int MAX_ITEMS = Topic.values().length;

  public static final Agenda EMPTY = new Agenda(List.of(), null);

  public Agenda {
    items = List.copyOf(items);
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("an agenda holds at most " + MAX_ITEMS + " items");
    }
    Set<Topic> seen = EnumSet.noneOf(Topic.class);
    for (AgendaItem item : items) {
      if (!seen.add(item.topic())) {
        throw new IllegalArgumentException("topic " + item.topic() + " appears twice; choose each topic once");
      }
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("items", new JsonArray(items.stream().map(AgendaItem::toJson).toList()));
    if (updatedAt != null) {
      json.put("updatedAt", updatedAt.toString());
    }
    return json;
  }
}
