package dev.kizuna.summarizer.llm;

import java.util.List;

/**
 * The shape the model is asked to fill (a JSON schema is derived from it for structured output). Owners
 * and dates are strings so that wrong values are caught and reported by {@link LlmSummarizer}, not lost in
 * parsing.
 */
record LlmMemo(
    List<Item> items,
    List<Promise> promises,
    List<String> memberKeepsInMind,
    List<String> managerKeepsInMind,
    List<String> nextTopics) {

  /** Key points of the agenda item at {@code agendaIndex} (from 0). */
  record Item(int agendaIndex, List<String> points) {}

  /** {@code owner} MEMBER or MANAGER; {@code due} an ISO date (yyyy-MM-dd) or empty. */
  record Promise(String owner, String what, String due) {}
}
