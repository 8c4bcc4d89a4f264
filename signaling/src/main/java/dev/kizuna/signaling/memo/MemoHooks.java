package dev.kizuna.signaling.memo;

import io.vertx.core.Future;

/**
 * Lifecycle hooks of memo documents, in the manner of Hocuspocus extensions: the application plugs
 * in plain-text rendering, search indexing and the like. Every method defaults to a succeeded
 * future; failures are logged and change nothing.
 */
public interface MemoHooks {

  /** Hooks that do nothing. */
  MemoHooks NONE = new MemoHooks() {};

  /**
   * Called after changes to {@code id} were stored (from a client or from
   * {@link DocumentRegistry#change}). Called often while people type: debounce expensive work.
   */
  default Future<Void> afterChange(DocumentId id) {
    return Future.succeededFuture();
  }

  /** Called after {@code id} was unloaded from memory (idle, or on close). */
  default Future<Void> afterUnload(DocumentId id) {
    return Future.succeededFuture();
  }
}
