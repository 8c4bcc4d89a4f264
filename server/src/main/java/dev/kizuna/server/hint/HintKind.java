package dev.kizuna.server.hint;

/** What a hint is for (DOMAIN.md). */
public enum HintKind {
  /** Advice to the manager for one topic x expectation cell. */
  CELL,
  /** What the manager can do at a band of relationship stages (0-16). */
  LEVER,
  /** A question that opens a topic, asked about the past, the present or the future. */
  ICEBREAKER,
  /**
   * A member's "what was good" or a manager's "what worked" for one topic x expectation cell,
   * shared with its author's consent, anonymised, released in batches.
   */
  COMMUNITY
}
