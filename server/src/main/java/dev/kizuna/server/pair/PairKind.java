package dev.kizuna.server.pair;

/** How the two people of a pair relate: line manager, mentor, or peer. */
public enum PairKind {
  LINE,
  MENTOR,
  PEER
}
