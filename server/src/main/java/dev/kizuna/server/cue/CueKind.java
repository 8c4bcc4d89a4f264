package dev.kizuna.server.cue;

/** Behavioural cues the manager gets from the live transcript (issue 5, DOMAIN.md's expectations). */
public enum CueKind {
  /** The member asked to be listened to, and the manager did most of the talking. */
  TALK_SHARE,
  /** Advice while the member asked to be listened to or wanted to report. */
  ADVICE_PHRASE,
  /** Thinking together, but the manager has asked no question for a while. */
  NO_QUESTION,
  /** Too little time left for the items left. */
  TIME_LEFT
}
