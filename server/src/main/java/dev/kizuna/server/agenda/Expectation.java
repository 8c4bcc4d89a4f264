package dev.kizuna.server.agenda;

/**
 * The response the member expects from the manager for one topic (DOMAIN.md). It drives the
 * member's satisfaction more than the topic does.
 */
public enum Expectation {
  /** Just listen to me (21.4%). */
  LISTEN,
  /** I want your opinion (20.5%). */
  OPINION,
  /** Think it through with me (23.2%). */
  THINK_TOGETHER,
  /** I want concrete advice (16.3%). */
  ADVICE,
  /** I want to report (9.8%). */
  REPORT,
  /** Other (8.8%). */
  OTHER
}
