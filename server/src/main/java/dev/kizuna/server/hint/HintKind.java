package dev.kizuna.server.hint;

/** What a hint is for (DOMAIN.md). */
public enum HintKind {
  /** Advice to the manager for one topic x expectation cell. */
  CELL,
  /** What the manager can do at a band of relationship stages (0-16). */
  LEVER,
  /** A question that opens a topic, asked about the past, the present or the future. */
  ICEBREAKER
}
