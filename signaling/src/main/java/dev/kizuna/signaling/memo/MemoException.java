package dev.kizuna.signaling.memo;

/** Why the memo engine refused or failed an operation; the socket maps it to an error frame. */
public final class MemoException extends RuntimeException {

  /** The kinds of failure, each with the error code sent to clients. */
  public enum Reason {
    /** The document does not exist (or the caller may not know it does). */
    NOT_FOUND("doc-unavailable"),
    /** A read-only peer sent changes. */
    READ_ONLY("read-only"),
    /** A sync message that is not valid Automerge. */
    INVALID_SYNC_MESSAGE("invalid-sync-message"),
    /**
     * Changes that make the native Automerge library crash (caught by the guard process); the
     * socket closes after the error, so a repeated attack needs a new connection.
     */
    HARMFUL_CHANGES("harmful-changes"),
    /** Applying the changes would make the document larger than allowed. */
    DOCUMENT_TOO_LARGE("document-too-large"),
    /** Too much work queued for the document. */
    BUSY("busy"),
    /** The store failed; nothing was acknowledged. */
    STORE_FAILED("store-failed"),
    /** A document with that id exists already. */
    ALREADY_EXISTS("already-exists"),
    /** The engine is shutting down. */
    CLOSED("closed");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The {@code code} of the error frame. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public MemoException(Reason reason, String message) {
    this(reason, message, null);
  }

  public MemoException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
