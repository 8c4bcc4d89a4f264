package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.LocalDocumentRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Function;
import org.automerge.Document;
import org.automerge.Transaction;

/**
 * The live memo documents of this server: each loaded from the {@link MemoStore} on first use, held
 * as one Automerge document with one sync state per connected peer, changed only by one operation
 * at a time on worker threads (never on an event loop), and unloaded when idle. A client's change
 * is stored before any sync message that acknowledges it is sent; every
 * {@link MemoOptions#compactEvery()} chunks the document is saved as a new snapshot.
 * {@link RepoSocket} connects clients to it.
 */
public interface DocumentRegistry {

  /** A registry over {@code store}; close it with {@link #close()}. */
  static DocumentRegistry create(Vertx vertx, MemoStore store, MemoOptions options, MemoHooks hooks) {
    return new LocalDocumentRegistry(vertx, store, options, hooks, MemoFanout.NONE);
  }

  /**
   * A registry over {@code store} that shares its live documents with other nodes through
   * {@code fanout} (stored chunks go out, other nodes' chunks come in). The caller closes the fan-out.
   */
  static DocumentRegistry create(Vertx vertx, MemoStore store, MemoOptions options, MemoHooks hooks,
      MemoFanout fanout) {
    return new LocalDocumentRegistry(vertx, store, options, hooks, fanout);
  }

  /** This server's automerge-repo peer id. */
  String peerId();

  /**
   * Stores a new document whose initial content is {@code document} (a saved Automerge document,
   * e.g. the memo schema built with {@code org.automerge.Document}) under a new random id.
   */
  Future<DocumentId> create(byte[] document);

  /**
   * Runs {@code reader} on the document (loading it if needed) in its turn, on a worker thread;
   * fails with {@link MemoException.Reason#NOT_FOUND} if it does not exist. The reader must not keep
   * the {@link Document} nor change it.
   */
  <T> Future<T> read(DocumentId id, Function<Document, T> reader);

  /**
   * Changes the document on the server's behalf (e.g. writing a summary): {@code edit} runs in one
   * transaction in the document's turn; the change is stored, then sent to every connected peer.
   */
  Future<Void> change(DocumentId id, Consumer<Transaction> edit);

  /** Documents held in memory now. */
  int liveDocuments();

  /** Peers syncing {@code id} now (0 if it is not loaded). */
  int peerCount(DocumentId id);

  /**
   * Saves a snapshot of every loaded document that has unsaved chunks, unloads them and stops the
   * worker threads. Later calls fail with {@link MemoException.Reason#CLOSED}.
   */
  Future<Void> close();
}
