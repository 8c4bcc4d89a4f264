package dev.kizuna.summarizer;

import java.util.List;

/**
 * The key points of one agenda item.
 *
 * @param agendaIndex the item's position in {@link SummaryRequest#agenda()}, from 0
 * @param topic the item's topic, as given
 * @param points at most three short lines in the meeting's language
 */
public record ItemSummary(int agendaIndex, String topic, List<String> points) {

  public ItemSummary {
    points = List.copyOf(points);
  }
}
