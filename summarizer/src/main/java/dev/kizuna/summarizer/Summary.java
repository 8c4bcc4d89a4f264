package dev.kizuna.summarizer;

import java.util.List;
import java.util.Map;

/**
 * The minimal memo of one 1on1: a few lines a person reads in thirty seconds, in the meeting's language.
 *
 * @param items one entry per agenda item, in agenda order
 * @param commitments the promises made, in the order they were made
 * @param keepInMind what each side keeps in mind until next time, keyed by {@code MEMBER} / {@code MANAGER}
 * @param nextTopics what to talk about next time
 * @param producedBy {@code "embedded"} or {@code "llm:<model>"}
 */
public record Summary(
    List<ItemSummary> items,
    List<Commitment> commitments,
    Map<String, List<String>> keepInMind,
    List<String> nextTopics,
    String producedBy) {

  public Summary {
    items = List.copyOf(items);
    commitments = List.copyOf(commitments);
    keepInMind = Map.copyOf(keepInMind);
    nextTopics = List.copyOf(nextTopics);
  }
}
