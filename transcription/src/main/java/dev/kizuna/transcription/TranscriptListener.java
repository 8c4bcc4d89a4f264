package dev.kizuna.transcription;

/**
 * Receives one stream's results, always on the Vert.x context that opened the stream, in order.
 * Implementations must not block.
 */
public interface TranscriptListener {

  /**
   * The utterance in progress changed. At most one per {@link TranscriptionOptions#partialInterval()},
   * never twice the same text, and none while recognition is behind real time.
   */
  void partial(PartialResult partial);

  /** An utterance finished. */
  void segment(FinalSegment segment);

  /** The stream went from NORMAL to DEGRADED or back (never the same state twice in a row). */
  void health(StreamHealth health);
}
