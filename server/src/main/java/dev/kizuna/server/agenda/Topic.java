package dev.kizuna.server.agenda;

/**
 * What the member wants to talk about. Keys and their share of all 1on1 topics from
 * shared/design/DOMAIN.md (vendor data on 1.5 million meetings); labels live in the web
 * client's resource bundles.
 */
public enum Topic {
  /** Work progress and ways of working (22.3%). */
  WORK,
  /** Relationships at work (4.2%). */
  RELATIONSHIPS,
  /** Physical and mental condition (8.2%). */
  CONDITION,
  /** Future career (14.2%). */
  CAREER,
  /** Skills and growth (15.2%). */
  SKILLS,
  /** Private life (5.5%). */
  PRIVATE,
  /** Company or department policy (18.1%). */
  POLICY,
  /** Other (12.4%). */
  OTHER
}
