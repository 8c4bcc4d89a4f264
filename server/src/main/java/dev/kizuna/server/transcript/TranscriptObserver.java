package dev.kizuna.server.transcript;

/** Hears every final transcript segment of this node's rooms once it is stored (live cues). */
public interface TranscriptObserver {

  /** Observes nothing. */
  TranscriptObserver NONE = segment -> {};

  /** Called on the room's context for each stored, non-empty final segment. */
  void spoken(TranscriptSegment segment);
}
