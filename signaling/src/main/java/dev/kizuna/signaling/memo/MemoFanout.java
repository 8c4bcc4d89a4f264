package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.RedisMemoFanout;
import io.vertx.core.Future;

/**
 * Carries stored memo changes between the nodes that hold the same document live, so that a
 * member on one node and a manager on another edit one memo. A node tells the others each chunk
 * it stored (after the store said durable) under the chunk's sequence number; the others apply
 * it to their copy and sync their own peers. Automerge changes are idempotent, so a chunk that
 * arrives twice does no harm; a gap in the sequence numbers makes the receiver read the store.
 */
public interface MemoFanout {

  /** A single node: nothing to tell, nothing to hear. */
  MemoFanout NONE = new MemoFanout() {
    @Override
    public Future<Void> listen(DocumentId id, Receiver receiver) {
      return Future.succeededFuture();
    }

    @Override
    public void unlisten(DocumentId id) {
    }

    @Override
    public void stored(DocumentId id, long seq, byte[] changes) {
    }
  };

  /**
   * Fan-out over Redis pub/sub (one channel per document, {@code <keyPrefix>:memo:<id>}); every
   * node of a deployment uses the same {@code keyPrefix}.
   *
   * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
   */
  static MemoFanout redis(String redisUrl, String keyPrefix) {
    return new RedisMemoFanout(redisUrl, keyPrefix);
  }

  /** Hears the chunks other nodes store for one document. Called on a fan-out thread. */
  interface Receiver {

    /** Another node stored {@code changes} (encoded Automerge changes) as chunk {@code seq}. */
    void received(long seq, byte[] changes);

    /** The fan-out reconnected and may have missed chunks: read the store. */
    default void resync() {
    }
  }

  /**
   * Starts hearing other nodes' chunks of {@code id}; completes once chunks stored from then on
   * are sure to arrive. The registry calls it before it reads the document from the store.
   */
  Future<Void> listen(DocumentId id, Receiver receiver);

  /** Stops hearing {@code id} (the document was unloaded). */
  void unlisten(DocumentId id);

  /** Tells the other nodes that this node stored {@code changes} as chunk {@code seq} of {@code id}. */
  void stored(DocumentId id, long seq, byte[] changes);

  /** Whether other nodes may write the same documents (then sequence conflicts are resolved by reading the store). */
  default boolean shared() {
    return false;
  }

  /** Releases connections. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
