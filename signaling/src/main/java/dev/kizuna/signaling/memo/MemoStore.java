package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.InMemoryMemoStore;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Persistence of memo documents: the SPI the application implements over its database. The
 * engine calls it for one document at a time, in order (never two calls for the same document at
 * once), and never answers a client before the call that stored its change has succeeded: a
 * succeeded future must mean durable.
 */
public interface MemoStore {

  /** A store in this process's memory, for tests and tools. */
  static MemoStore inMemory() {
    return new InMemoryMemoStore();
  }

  /** The document, or empty if it was never created. */
  Future<Optional<StoredDocument>> load(DocumentId id);

  /**
   * Creates a document from its first snapshot (sequence number 0). Fails if {@code id} exists.
   */
  Future<Void> create(DocumentId id, byte[] snapshot);

  /**
   * Durably appends one chunk of changes. {@code seq} is one more than the document's last
   * sequence number as loaded or appended by this engine; a store may reject a sequence number it
   * already holds (another writer) by failing.
   */
  Future<Void> appendChanges(DocumentId id, long seq, byte[] changes);

  /**
   * Replaces the snapshot by {@code snapshot}, which includes every chunk up to {@code upToSeq},
   * and drops those chunks. {@link #load} must never see the new snapshot without the chunks after
   * {@code upToSeq}, nor lose chunks the old snapshot lacks (write the snapshot first, then delete).
   * A snapshot not newer than the stored one (another node compacted further meanwhile) changes
   * nothing.
   */
  Future<Void> compact(DocumentId id, byte[] snapshot, long upToSeq);
}
