package dev.kizuna.signaling.memo;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link MemoStore} holds for one document: a snapshot (a saved Automerge document) and
 * the change chunks appended after it, in order.
 *
 * @param snapshot the last compacted snapshot ({@code Document.save()} bytes)
 * @param snapshotSeq the sequence number of the last chunk the snapshot includes (0 for the initial
 *     snapshot)
 * @param changes the chunks with a sequence number above {@code snapshotSeq}, in ascending order
 */
public record StoredDocument(byte[] snapshot, long snapshotSeq, List<StoredChanges> changes) {

  public StoredDocument {
    Objects.requireNonNull(snapshot, "snapshot");
    changes = List.copyOf(changes);
  }

  /** The sequence number of the newest chunk, or {@link #snapshotSeq()} if there is none. */
  public long lastSeq() {
    return changes.isEmpty() ? snapshotSeq : changes.get(changes.size() - 1).seq();
  }

  /** Bytes held: snapshot plus chunks. */
  public long sizeBytes() {
    return snapshot.length + changes.stream().mapToLong(c -> c.bytes().length).sum();
  }

  /**
   * One appended chunk of encoded Automerge changes.
   *
   * @param seq its sequence number, unique and increasing per document
   * @param bytes one or more encoded changes ({@code Document.encodeChangesSince} bytes)
   */
  public record StoredChanges(long seq, byte[] bytes) {

    public StoredChanges {
      Objects.requireNonNull(bytes, "bytes");
    }
  }
}
