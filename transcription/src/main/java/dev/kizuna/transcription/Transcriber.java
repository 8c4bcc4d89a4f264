package dev.kizuna.transcription;

import dev.kizuna.transcription.recognition.VoskTranscriber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Streaming speech-to-text with Vosk: one recogniser per speaker stream, all Vosk work on a bounded
 * pool of worker threads (never on an event loop), one model per language loaded once and shared.
 * Thread-safe.
 */
public interface Transcriber {

  /** A transcriber; nothing is loaded before {@link #prepare} or {@link #open}. Close it with {@link #close()}. */
  static Transcriber create(Vertx vertx, TranscriptionOptions options) {
    return new VoskTranscriber(vertx, options);
  }

  /**
   * Loads the model of {@code language} once (shared by all its streams), extracting the embedded
   * English model or downloading a configured one first if needed. Fails with
   * {@link TranscriptionUnavailableException} carrying a reason for people; a later call tries again.
   */
  Future<Void> prepare(String language);

  /**
   * Opens a stream for one speaker: prepares the model, then creates the stream's recogniser.
   *
   * @param offsetMs where the stream's first sample sits, milliseconds from the meeting start; every
   *     result time is this plus the audio's position
   * @param listener receives results on the caller's Vert.x context
   * @return the stream, or a failed future with {@link TranscriptionUnavailableException}
   */
  Future<SpeakerStream> open(String language, long offsetMs, TranscriptListener listener);

  /** Closes every open stream (flushing their last words), then frees the models and the threads. */
  Future<Void> close();
}
