package dev.kizuna.signaling.memo;

import java.util.Objects;

/** The outcome of {@link RepoCodec#decode}: a message, or why the bytes are not one. */
public sealed interface DecodeResult {

  /** Why a frame was refused; {@link #code()} is the error code sent back. */
  enum Problem {
    /** Larger than the limit. */
    TOO_LARGE("too-large"),
    /** Not one well-formed CBOR item (truncated, trailing bytes, duplicate keys, too deep). */
    MALFORMED_CBOR("malformed-cbor"),
    /** Well-formed CBOR but not a message: not a map, a field missing or of the wrong type. */
    BAD_MESSAGE("bad-message"),
    /** A {@code type} this server does not know. */
    UNKNOWN_TYPE("unknown-type"),
    /** A {@code documentId} that is not an automerge-repo document id. */
    BAD_DOCUMENT_ID("bad-document-id");

    private final String code;

    Problem(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** The bytes were the message {@code message}. */
  record Decoded(RepoMessage message) implements DecodeResult {
    public Decoded {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The bytes were refused. */
  record Invalid(Problem problem, String detail) implements DecodeResult {
    public Invalid {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
