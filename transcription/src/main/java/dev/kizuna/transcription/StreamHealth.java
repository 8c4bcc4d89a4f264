package dev.kizuna.transcription;

/**
 * Whether a stream's recognition keeps up with its audio.
 *
 * @param state {@link State#NORMAL} or {@link State#DEGRADED}
 * @param reason an English sentence for people (logs, the room), e.g. why audio is dropped
 */
public record StreamHealth(State state, String reason) {

  public enum State {
    /** Recognition keeps up; every accepted frame is transcribed. */
    NORMAL,
    /** Recognition fell more than the allowed lag behind: audio is being dropped. */
    DEGRADED
  }
}
