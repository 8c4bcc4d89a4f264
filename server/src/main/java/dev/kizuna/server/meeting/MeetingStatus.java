package dev.kizuna.server.meeting;

/** A meeting's life: planned, live from the first join, ended by either party. */
public enum MeetingStatus {
  PLANNED,
  LIVE,
  ENDED
}
