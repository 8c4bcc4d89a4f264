package dev.kizuna.signaling.memo;

/** What a user may do with one memo document. */
public enum Access {
  /** Nothing: the document is reported unavailable, as if it did not exist. */
  NONE,
  /** Sync and see presence, but send no changes (shared read-only viewers). */
  READ,
  /** Sync both ways (the meeting's pair; a private notes document's owner). */
  WRITE;

  public boolean canRead() {
    return this != NONE;
  }

  public boolean canWrite() {
    return this == WRITE;
  }
}
