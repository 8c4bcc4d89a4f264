package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoException;
import dev.kizuna.signaling.memo.MemoException.Reason;
import dev.kizuna.signaling.memo.MemoFanout;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.RepoMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.automerge.Document;
import org.automerge.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DocumentRegistry} in one process: live documents in a map, Automerge work on a small
 * thread pool of its own, one {@link SerialQueue} per document. At most one task per document is
 * running or queued on the pool at a time, so the pool's queue holds at most one entry per live
 * document; each document's own queue is bounded.
 */
public final class LocalDocumentRegistry implements DocumentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(LocalDocumentRegistry.class);
  private static final int MAX_ATTEMPTS = 3;
  private static final java.time.Duration GUARD_TIMEOUT = java.time.Duration.ofSeconds(10);

  /** A task found its document unloaded: run it again on a freshly loaded one. */
  private static final class Unloaded extends RuntimeException {
    Unloaded() {
      super(null, null, false, false);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final MemoStore store;
  private final MemoOptions options;
  private final MemoHooks hooks;
  private final MemoFanout fanout;
  private final ExecutorService workers;
  private final ConcurrentHashMap<DocumentId, LiveDocument> live = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RepoSocketImpl> connections = new ConcurrentHashMap<>();
  private final long sweepTimer;
  private final ChangeGuard guard;
  private volatile boolean closed;

  public LocalDocumentRegistry(Vertx vertx, MemoStore store, MemoOptions options, MemoHooks hooks) {
    this(vertx, store, options, hooks, MemoFanout.NONE);
  }

  /** A registry whose stored chunks also go to, and come from, other nodes through {@code fanout}. */
  public LocalDocumentRegistry(Vertx vertx, MemoStore store, MemoOptions options, MemoHooks hooks, MemoFanout fanout) {
    this.vertx = vertx;
    this.fanout = fanout;
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.options = options;
    this.hooks = hooks;
    AtomicInteger threads = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(options.workerThreads(), options.workerThreads(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "kizuna-memo-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.guard = options.guardChanges() ? new ChangeGuard(GUARD_TIMEOUT) : null;
    if (guard != null) {
      workers.execute(guard::warmUp);
    }
    long idleMillis = Math.max(1, options.idleUnload().toMillis());
    this.sweepTimer = vertx.setPeriodic(Math.min(10_000, Math.max(25, idleMillis / 4)), id -> sweep());
  }

  // ------------------------------------------------------------------ public API

  @Override
  public String peerId() {
    return options.peerId();
  }

  @Override
  public Future<DocumentId> create(byte[] document) {
    if (closed) {
      return closedFuture();
    }
    if (document.length > options.maxDocumentBytes()) {
      return Future.failedFuture(new MemoException(Reason.DOCUMENT_TOO_LARGE, "the document is too large"));
    }
    DocumentId id = DocumentId.random();
    return onWorker(() -> {
      try {
        Document.load(document).free();
      } catch (RuntimeException e) {
        return Future.failedFuture(new MemoException(Reason.INVALID_SYNC_MESSAGE, "not a saved Automerge document"));
      }
      return Future.succeededFuture();
    }).compose(v -> callStore(() -> store.create(id, document))).map(id);
  }

  @Override
  public <T> Future<T> read(DocumentId id, Function<Document, T> reader) {
    return withDocument(id, d -> Future.succeededFuture(reader.apply(d.document())));
  }

  @Override
  public Future<Void> change(DocumentId id, Consumer<Transaction> edit) {
    return withDocument(id, d -> d.changeLocally(edit));
  }

  @Override
  public int liveDocuments() {
    return live.size();
  }

  @Override
  public int peerCount(DocumentId id) {
    LiveDocument d = live.get(id);
    return d == null ? 0 : d.peers.size();
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    vertx.cancelTimer(sweepTimer);
    List<Future<Void>> unloads = new ArrayList<>();
    for (LiveDocument d : live.values()) {
      unloads.add(d.queue.submitAlways(() -> d.unload(true)));
    }
    return Future.join(unloads).<Void>mapEmpty().eventually(() -> {
      workers.shutdown();
      if (guard != null) {
        guard.close();
      }
      return Future.succeededFuture();
    });
  }

  // ------------------------------------------------------------------ for RepoSocketImpl

  /** The peer metadata sent in {@code peer}. */
  Map<String, Object> peerMetadata() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (options.storageId() != null) {
      metadata.put("storageId", options.storageId());
    }
    metadata.put("isEphemeral", false);
    return metadata;
  }

  /** Applies a sync (or request) message of {@code link}; replies go out through the links. */
  Future<Void> receive(DocumentId id, PeerLink link, Access access, byte[] data) {
    return withDocument(id, d -> d.receive(link, access, data));
  }

  /** Joined sockets by the client's peer id (one connection per peer id). */
  ConcurrentHashMap<String, RepoSocketImpl> connections() {
    return connections;
  }

  /** {@code link} stops syncing {@code id}. */
  void detach(DocumentId id, PeerLink link) {
    LiveDocument d = live.get(id);
    if (d != null) {
      d.queue.submitAlways(() -> d.detach(link));
    }
  }

  /** Relays an ephemeral message to the other peers syncing {@code id}; returns how many got it. */
  int relay(DocumentId id, PeerLink from, RepoMessage.Ephemeral message) {
    LiveDocument d = live.get(id);
    return d == null ? 0 : d.relay(from, message);
  }

  // ------------------------------------------------------------------ for LiveDocument

  MemoOptions options() {
    return options;
  }

  MemoStore store() {
    return store;
  }

  MemoFanout fanout() {
    return fanout;
  }

  ExecutorService workers() {
    return workers;
  }

  /** The replica process that vets client changes, or {@code null} when off. */
  ChangeGuard guard() {
    return guard;
  }

  void forget(LiveDocument d) {
    live.remove(d.id, d);
  }

  void afterChange(DocumentId id) {
    context.runOnContext(v -> callHook(() -> hooks.afterChange(id), "afterChange", id));
  }

  void afterUnload(DocumentId id) {
    context.runOnContext(v -> callHook(() -> hooks.afterUnload(id), "afterUnload", id));
  }

  /** Runs {@code task} on a worker thread; its future's completion completes the result. */
  <T> Future<T> onWorker(Callable<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    try {
      workers.execute(() -> {
        try {
          task.call().onComplete(promise);
        } catch (Throwable t) {
          promise.tryFail(t);
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail(new MemoException(Reason.CLOSED, "the memo engine is closed"));
    }
    return promise.future();
  }

  /** Calls the store, turning a thrown exception into a failed future. */
  <T> Future<T> callStore(Supplier<Future<T>> call) {
    try {
      Future<T> f = call.get();
      return f == null ? Future.failedFuture(new IllegalStateException("the store returned no future")) : f;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  // ------------------------------------------------------------------ internals

  private <T> Future<T> withDocument(DocumentId id, Function<LiveDocument, Future<T>> op) {
    return withDocument(id, op, 1);
  }

  private <T> Future<T> withDocument(DocumentId id, Function<LiveDocument, Future<T>> op, int attempt) {
    if (closed) {
      return closedFuture();
    }
    LiveDocument d = live.get(id);
    if (d == null) {
      LiveDocument fresh = new LiveDocument(this, id);
      d = live.putIfAbsent(id, fresh);
      if (d == null) {
        d = fresh;
        fresh.queue.submitAlways(fresh::load);
      }
    }
    LiveDocument doc = d;
    return doc.queue.submit(() -> switch (doc.state()) {
      case LIVE -> op.apply(doc);
      case MISSING -> Future.<T>failedFuture(new MemoException(Reason.NOT_FOUND, "no document " + id));
      case FAILED -> Future.<T>failedFuture(new MemoException(Reason.STORE_FAILED, "the document could not be loaded"));
      case UNLOADED, LOADING -> Future.<T>failedFuture(new Unloaded());
    }).recover(e -> e instanceof Unloaded && attempt < MAX_ATTEMPTS
        ? withDocument(id, op, attempt + 1)
        : Future.failedFuture(e instanceof Unloaded ? new MemoException(Reason.BUSY, "the document is reloading") : e));
  }

  private void sweep() {
    long idleNanos = options.idleUnload().toNanos();
    long now = System.nanoTime();
    for (LiveDocument d : live.values()) {
      if (d.peers.isEmpty() && now - d.lastActivityNanos >= idleNanos && d.unloadQueued.compareAndSet(false, true)) {
        d.queue.submitAlways(() -> d.unload(false));
      }
    }
  }

  private void callHook(Supplier<Future<Void>> hook, String name, DocumentId id) {
    try {
      hook.get().onFailure(e -> LOG.warn("memo hook {} failed for {}", name, id, e));
    } catch (RuntimeException e) {
      LOG.warn("memo hook {} failed for {}", name, id, e);
    }
  }

  private static <T> Future<T> closedFuture() {
    return Future.failedFuture(new MemoException(Reason.CLOSED, "the memo engine is closed"));
  }
}
