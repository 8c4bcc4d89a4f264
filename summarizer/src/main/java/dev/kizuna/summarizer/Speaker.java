package dev.kizuna.summarizer;

/** Who said something, or who owns a commitment: the member (the 1on1 exists for them) or the manager. */
public enum Speaker {
  MEMBER,
  MANAGER
}
