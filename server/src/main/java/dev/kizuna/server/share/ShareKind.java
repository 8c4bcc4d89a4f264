package dev.kizuna.server.share;

/** How a meeting's memo reaches a third party. */
public enum ShareKind {
  /** A read-only link carrying an unguessable token; whoever holds it may read. */
  LINK,
  /** An existing user, who reads it logged in. */
  USER
}
