package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.Base58Check;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of a memo document in automerge-repo's form: the base58check encoding of 16 random bytes
 * (a version 4 UUID), written {@code automerge:<id>} as a URL. Only well-formed ids can be built.
 *
 * @param value the base58check string, e.g. {@code 4NMNnkMhL8jXrdJ9jamS58PAVdXu}
 */
public record DocumentId(String value) {

  /** The prefix of an Automerge URL. */
  public static final String URL_PREFIX = "automerge:";

  /** Longest id accepted when parsing (16 bytes + 4 checksum bytes encode to at most 28 characters). */
  private static final int MAX_LENGTH = 40;

  public DocumentId {
    if (value == null || parseBytes(value).isEmpty()) {
      throw new IllegalArgumentException("not an automerge document id: " + value);
    }
  }

  /** A new random id. */
  public static DocumentId random() {
    UUID uuid = UUID.randomUUID();
    byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
    return new DocumentId(Base58Check.encode(bytes));
  }

  /** The id in {@code text} if it is a well-formed document id, else empty. */
  public static Optional<DocumentId> parse(String text) {
    return text != null && parseBytes(text).isPresent() ? Optional.of(new DocumentId(text)) : Optional.empty();
  }

  /**
   * The id of an Automerge URL ({@code automerge:<id>}, optionally followed by {@code #heads}, which
   * is ignored), or empty when {@code url} is not one.
   */
  public static Optional<DocumentId> fromUrl(String url) {
    if (url == null || !url.startsWith(URL_PREFIX)) {
      return Optional.empty();
    }
    String rest = url.substring(URL_PREFIX.length());
    int hash = rest.indexOf('#');
    return parse(hash < 0 ? rest : rest.substring(0, hash));
  }

  /** {@code automerge:<id>}. */
  public String url() {
    return URL_PREFIX + value;
  }

  /** The 16 bytes this id encodes. */
  public byte[] bytes() {
    return parseBytes(value).orElseThrow();
  }

  @Override
  public String toString() {
    return value;
  }

  private static Optional<byte[]> parseBytes(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    return Base58Check.decode(text).filter(bytes -> bytes.length == 16);
  }
}
