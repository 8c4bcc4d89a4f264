package dev.kizuna.signaling.memo.impl;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An Automerge sync message, parsed and checked in Java before any of it reaches the native
 * library, and re-encoded when the engine replaces its changes by the whole document.
 *
 * <p>Wire format (automerge {@code sync.rs}): a type byte ({@code 0x42} v1, {@code 0x43} v2), then
 * length-prefixed (unsigned LEB128) lists: heads (32-byte hashes), need (hashes), have (each: last
 * sync hashes and a length-prefixed Bloom filter), changes (each a length-prefixed byte string of
 * one or more storage chunks), then optionally capabilities (one byte each; {@code 0x02} = accepts v2
 * messages). The checks here are stricter than the library's own parser where the library would
 * panic and take the JVM with it (a Bloom filter with entries but no bits divides by zero in
 * automerge 0.5.7; a huge probe count allocates unboundedly; a deflated change may expand without
 * bound), and verify every chunk's checksum.
 */
public final class AutomergeSyncMessage {

  public static final int V1 = 0x42;
  public static final int V2 = 0x43;
  static final int CAPABILITY_V2 = 0x02;
  private static final int HASH_BYTES = 32;
  private static final int MAX_HASHES = 4096;
  private static final int MAX_HAVES = 1;
  private static final int MAX_CAPABILITIES = 64;
  private static final int MAX_BLOOM_PROBES = 64;
  private static final int MAX_BLOOM_BITS_PER_ENTRY = 64;
  private static final byte[] MAGIC = {(byte) 0x85, 0x6f, 0x4a, (byte) 0x83};

  /** Not a sync message this engine accepts; the message says why. */
  public static final class InvalidSyncMessage extends Exception {
    private final boolean tooLarge;

    InvalidSyncMessage(String message) {
      this(message, false);
    }

    InvalidSyncMessage(String message, boolean tooLarge) {
      super(message, null, false, false);
      this.tooLarge = tooLarge;
    }

    /** Whether the message was refused only for expanding beyond the size budget. */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  /** One {@code have} entry: the sender's last sync heads and a Bloom filter of newer changes. */
  public record Have(List<byte[]> lastSync, byte[] bloom) {}

  private final int version;
  private final List<byte[]> heads;
  private final List<byte[]> need;
  private final List<Have> have;
  private final List<byte[]> changes;
  private final byte[] capabilities;
  private final long expandedChangeBytes;
  private final boolean documentChunk;

  private AutomergeSyncMessage(int version, List<byte[]> heads, List<byte[]> need, List<Have> have,
      List<byte[]> changes, byte[] capabilities, long expandedChangeBytes, boolean documentChunk) {
    this.version = version;
    this.heads = heads;
    this.need = need;
    this.have = have;
    this.changes = changes;
    this.capabilities = capabilities;
    this.expandedChangeBytes = expandedChangeBytes;
    this.documentChunk = documentChunk;
  }

  /**
   * Parses and checks {@code data}; deflated changes may expand to at most {@code maxExpandedBytes}
   * in all.
   */
  public static AutomergeSyncMessage parse(byte[] data, long maxExpandedBytes) throws InvalidSyncMessage {
    Reader r = new Reader(data);
    int version = r.byte1();
    if (version != V1 && version != V2) {
      throw new InvalidSyncMessage("not an Automerge sync message (type byte " + version + ")");
    }
    List<byte[]> heads = r.hashes();
    List<byte[]> need = r.hashes();
    int haveCount = r.count(MAX_HAVES, "have");
    List<Have> have = new ArrayList<>(haveCount);
    for (int i = 0; i < haveCount; i++) {
      List<byte[]> lastSync = r.hashes();
      byte[] bloom = r.bytes();
      checkBloom(bloom);
      have.add(new Have(lastSync, bloom));
    }
    int changeCount = r.count(Integer.MAX_VALUE, "changes");
    List<byte[]> changes = new ArrayList<>(Math.min(changeCount, 1024));
    long expanded = 0;
    boolean documentChunk = false;
    for (int i = 0; i < changeCount; i++) {
      byte[] chunk = r.bytes();
      ChunkScan scan = scanChunks(chunk, maxExpandedBytes - expanded);
      expanded += scan.expandedBytes;
      documentChunk |= scan.document;
      changes.add(chunk);
    }
    byte[] capabilities = null;
    if (!r.atEnd()) {
      int n = r.count(MAX_CAPABILITIES, "capabilities");
      capabilities = r.take(n);
    }
    // Bytes after the capabilities are ignored, as the library does, for forward compatibility.
    return new AutomergeSyncMessage(version, heads, need, have, changes, capabilities, expanded, documentChunk);
  }

  public int version() {
    return version;
  }

  /** The sender's heads. */
  public List<byte[]> heads() {
    return heads;
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /** The changes as one byte string, as the library joins them before loading. */
  public byte[] joinedChanges() {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, changeBytes()));
    changes.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Raw size of the changes section (the chunks as sent). */
  public long changeBytes() {
    return changes.stream().mapToLong(c -> c.length).sum();
  }

  /** Size of the changes once deflated chunks are expanded. */
  public long expandedChangeBytes() {
    return expandedChangeBytes;
  }

  /** Whether the changes include a whole-document chunk. */
  public boolean carriesDocument() {
    return documentChunk;
  }

  /** Whether the sender advertised that it accepts v2 messages (whole documents). */
  public boolean acceptsV2() {
    if (capabilities == null) {
      return false;
    }
    for (byte c : capabilities) {
      if (c == CAPABILITY_V2) {
        return true;
      }
    }
    return false;
  }

  /**
   * This message with its changes replaced by {@code document} (a saved document at exactly this
   * message's heads) as a v2 message. Its {@code have}, when it had one, becomes "everything up to
   * these heads, nothing else" (an empty Bloom filter): true once the receiver has loaded the
   * document, and far smaller than a filter over every change.
   */
  public byte[] withWholeDocument(byte[] document) {
    List<Have> exactHave = have.isEmpty() ? List.of() : List.of(new Have(heads, new byte[0]));
    return encode(V2, heads, need, exactHave, List.of(document), capabilities);
  }

  static byte[] encode(int version, List<byte[]> heads, List<byte[]> need, List<Have> have, List<byte[]> changes,
      byte[] capabilities) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        64 + 32 * (heads.size() + need.size()) + changes.stream().mapToInt(c -> c.length + 5).sum());
    out.write(version);
    writeHashes(out, heads);
    writeHashes(out, need);
    writeLeb(out, have.size());
    for (Have h : have) {
      writeHashes(out, h.lastSync());
      writeLeb(out, h.bloom().length);
      out.writeBytes(h.bloom());
    }
    writeLeb(out, changes.size());
    for (byte[] c : changes) {
      writeLeb(out, c.length);
      out.writeBytes(c);
    }
    if (capabilities != null) {
      writeLeb(out, capabilities.length);
      out.writeBytes(capabilities);
    }
    return out.toByteArray();
  }

  private static void writeHashes(ByteArrayOutputStream out, List<byte[]> hashes) {
    writeLeb(out, hashes.size());
    hashes.forEach(out::writeBytes);
  }

  static void writeLeb(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  private static void checkBloom(byte[] bloom) throws InvalidSyncMessage {
    if (bloom.length == 0) {
      return;
    }
    Reader r = new Reader(bloom);
    long entries = r.leb(0xffffffffL, "bloom entries");
    long bitsPerEntry = r.leb(0xffffffffL, "bloom bits per entry");
    long probes = r.leb(0xffffffffL, "bloom probes");
    if (entries == 0) {
      return;
    }
    if (bitsPerEntry == 0 || bitsPerEntry > MAX_BLOOM_BITS_PER_ENTRY || probes == 0 || probes > MAX_BLOOM_PROBES) {
      throw new InvalidSyncMessage("bloom filter parameters out of range");
    }
    long bits = (long) Math.ceil(entries * (double) bitsPerEntry / 8.0);
    if (bits != r.remaining()) {
      throw new InvalidSyncMessage("bloom filter length does not match its parameters");
    }
  }

  private record ChunkScan(long expandedBytes, boolean document) {}

  /** Walks the storage chunks in {@code bytes}: magic, checksum, type, length; verifies checksums. */
  private static ChunkScan scanChunks(byte[] bytes, long budget) throws InvalidSyncMessage {
    if (bytes.length == 0) {
      throw new InvalidSyncMessage("empty change");
    }
    Reader r = new Reader(bytes);
    long expanded = 0;
    boolean document = false;
    while (!r.atEnd()) {
      byte[] magic = r.take(4);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new InvalidSyncMessage("a change does not start with Automerge's magic bytes");
      }
      byte[] checksum = r.take(4);
      int type = r.byte1();
      int length = (int) r.leb(Integer.MAX_VALUE, "chunk length");
      byte[] body = r.take(length);
      switch (type) {
        case 0, 1 -> {
          verifyChecksum(checksum, type, body);
          expanded += body.length;
          document |= type == 0;
        }
        case 2 -> {
          byte[] inflated = inflate(body, budget - expanded);
          verifyChecksum(checksum, 1, inflated);
          expanded += inflated.length;
        }
        default -> throw new InvalidSyncMessage("unsupported chunk type " + type);
      }
      if (expanded > budget) {
        throw new InvalidSyncMessage("changes expand beyond the size limit", true);
      }
    }
    return new ChunkScan(expanded, document);
  }

  private static void verifyChecksum(byte[] checksum, int type, byte[] body) throws InvalidSyncMessage {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream header = new ByteArrayOutputStream(6);
      header.write(type);
      writeLeb(header, body.length);
      sha.update(header.toByteArray());
      byte[] hash = sha.digest(body);
      if (!Arrays.equals(checksum, 0, 4, hash, 0, 4)) {
        throw new InvalidSyncMessage("a change's checksum does not match its bytes");
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] inflate(byte[] compressed, long budget) throws InvalidSyncMessage {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, 1 << 20));
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new InvalidSyncMessage("truncated compressed change");
        }
        out.write(buffer, 0, n);
        if (out.size() > budget) {
          throw new InvalidSyncMessage("changes expand beyond the size limit", true);
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new InvalidSyncMessage("corrupt compressed change");
    } finally {
      inflater.end();
    }
  }

  /** Bounds-checked reading of bytes and LEB128 numbers. */
  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    boolean atEnd() {
      return pos >= data.length;
    }

    int remaining() {
      return data.length - pos;
    }

    int byte1() throws InvalidSyncMessage {
      if (pos >= data.length) {
        throw new InvalidSyncMessage("truncated sync message");
      }
      return data[pos++] & 0xff;
    }

    byte[] take(int n) throws InvalidSyncMessage {
      if (n < 0 || n > data.length - pos) {
        throw new InvalidSyncMessage("truncated sync message");
      }
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    long leb(long max, String what) throws InvalidSyncMessage {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = byte1();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (value < 0 || value > max) {
            throw new InvalidSyncMessage(what + " out of range");
          }
          return value;
        }
      }
      throw new InvalidSyncMessage(what + " is not a valid LEB128 number");
    }

    int count(int max, String what) throws InvalidSyncMessage {
      int n = (int) leb(max, what + " count");
      if (n > remaining()) {
        throw new InvalidSyncMessage("truncated sync message");
      }
      return n;
    }

    List<byte[]> hashes() throws InvalidSyncMessage {
      int n = count(MAX_HASHES, "hash");
      List<byte[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(take(HASH_BYTES));
      }
      return out;
    }

    byte[] bytes() throws InvalidSyncMessage {
      int n = (int) leb(Integer.MAX_VALUE, "length");
      return take(n);
    }
  }
}
