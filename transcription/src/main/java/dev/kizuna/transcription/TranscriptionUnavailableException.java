package dev.kizuna.transcription;

/**
 * Transcription cannot run: no model for the language, a download or extraction failed, the
 * transcriber is closed. {@link #reason()} is an English sentence meant to be shown to people.
 */
public class TranscriptionUnavailableException extends RuntimeException {

  public TranscriptionUnavailableException(String reason) {
    super(reason);
  }

  public TranscriptionUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }

  /** Why, in one English sentence. */
  public String reason() {
    return getMessage();
  }
}
