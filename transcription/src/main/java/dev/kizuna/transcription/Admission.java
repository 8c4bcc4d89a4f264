package dev.kizuna.transcription;

/** What {@link SpeakerStream#offer(byte[])} did with a frame of audio. */
public enum Admission {
  /** Queued for recognition. */
  ACCEPTED,
  /**
   * Dropped because the client sends faster than real time: the audio offered since its first frame
   * exceeds the wall-clock time since then plus {@link TranscriptionOptions#burstAllowance()}. The
   * frame does not move the stream's timeline.
   */
  THROTTLED,
  /**
   * Dropped because recognition is more than {@link TranscriptionOptions#maxLag()} behind (the stream
   * reports {@link StreamHealth.State#DEGRADED}), or because the stream is closed. The frame still
   * moves the stream's timeline, so later words keep their real times.
   */
  DROPPED
}
