package dev.kizuna.server.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one organisation group's managers receive from their members' per-meeting feedback, in
 * aggregate only.
 *
 * @param satisfaction the window's meeting satisfaction; {@code null} when the group is hidden
 * @param strengths shown cells above their baseline, largest difference first (at most 3)
 * @param weaknesses shown cells below their baseline, largest difference first (at most 3)
 */
public record GroupFeedback(MeetingSatisfaction satisfaction, List<CellComparison> strengths,
    List<CellComparison> weaknesses) {

  public GroupFeedback {
    strengths = List.copyOf(strengths);
    weaknesses = List.copyOf(weaknesses);
  }

  /** Whether there is anything to show. */
  public boolean isEmpty() {
    return satisfaction == null && strengths.isEmpty() && weaknesses.isEmpty();
  }

  /** Adds {@code meetingSatisfaction?} and {@code managerCells: {strengths, weaknesses}} to a report row. */
  JsonObject addTo(JsonObject row) {
    if (satisfaction != null) {
      row.put("meetingSatisfaction", satisfaction.toJson());
    }
    if (!strengths.isEmpty() || !weaknesses.isEmpty()) {
      row.put("managerCells", new JsonObject()
          .put("strengths", new JsonArray(strengths.stream().map(CellComparison::toJson).toList()))
          .put("weaknesses", new JsonArray(weaknesses.stream().map(CellComparison::toJson).toList())));
    }
    return row;
  }
}
