package dev.kizuna.server.transcript;

/** What became of one audio frame a participant sent. */
public enum FrameOutcome {
  /** Queued for recognition. */
  ACCEPTED,
  /** Not everyone consents (or transcription is paused): dropped unprocessed. */
  NO_CONSENT,
  /** No model for the meeting's language: dropped. */
  UNAVAILABLE,
  /** The client sends faster than real time: dropped. */
  THROTTLED,
  /** Recognition is too far behind: dropped, the room is told transcription is degraded. */
  DROPPED
}
