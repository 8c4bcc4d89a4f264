package dev.kizuna.server.meeting;

/** Told once when a meeting ends; runs its own work in the background and never fails the end. */
@FunctionalInterface
public interface MeetingEndListener {

  /** {@code meeting} has just moved to ENDED (as stored, with {@code endedAt}). */
  void ended(Meeting meeting);
}
