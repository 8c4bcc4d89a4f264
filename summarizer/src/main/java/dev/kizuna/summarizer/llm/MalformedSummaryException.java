package dev.kizuna.summarizer.llm;

/** The model answered, but not with a usable summary (unparseable, empty, or with invalid values). */
public final class MalformedSummaryException extends RuntimeException {

  public MalformedSummaryException(String message) {
    super(message);
  }
}
