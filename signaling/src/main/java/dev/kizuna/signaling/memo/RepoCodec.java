package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.CborCodec;

/**
 * Reads and writes {@link RepoMessage}s as the CBOR maps of automerge-repo's WebSocket protocol.
 * Decoding is strict and total: any input gives a {@link DecodeResult}, never an exception.
 */
public final class RepoCodec {

  /** Deepest nesting of maps and arrays accepted (peer metadata, remote heads). */
  public static final int MAX_DEPTH = 8;

  private RepoCodec() {}

  /** Decodes one frame; frames over {@code maxBytes} are refused unread. */
  public static DecodeResult decode(byte[] frame, int maxBytes) {
    return CborCodec.decode(frame, maxBytes);
  }

  /** Encodes {@code message} as a CBOR map with definite lengths. */
  public static byte[] encode(RepoMessage message) {
    return CborCodec.encode(message);
  }
}
