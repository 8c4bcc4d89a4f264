package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoException;
import dev.kizuna.signaling.memo.MemoException.Reason;
import dev.kizuna.signaling.memo.MemoFanout;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.RepoMessage;
import dev.kizuna.signaling.memo.StoredDocument;
import dev.kizuna.signaling.memo.StoredDocument.StoredChanges;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.SyncState;
import org.automerge.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded document. Every method but {@link #relay} and the fields marked volatile or concurrent
 * runs inside a task of {@link #queue}: one at a time, on a worker thread. Nothing here blocks;
 * store calls are awaited by returning their future, so the document's next task waits too.
 */
final class LiveDocument {

  private static final Logger LOG = LoggerFactory.getLogger(LiveDocument.class);
  /**
   * Tries to append one chunk when other nodes take its sequence number first. Each refusal means
   * another node stored a chunk, so the tries end; with two nodes racing for each number, losing 16
   * times in a row has odds of 1 in 65,536.
   */
  private static final int MAX_APPEND_ATTEMPTS = 16;

  enum State { LOADING, LIVE, MISSING, FAILED, UNLOADED }

  /** What the document knows of one peer. */
  static final class PeerState {
    final PeerLink link;
    SyncState sync = new SyncState();
    boolean acceptsV2;

    PeerState(PeerLink link) {
      this.link = link;
    }
  }

  final DocumentId id;
  final SerialQueue queue;
  final ConcurrentHashMap<String, PeerState> peers = new ConcurrentHashMap<>();
  final AtomicBoolean unloadQueued = new AtomicBoolean();
  volatile long lastActivityNanos = System.nanoTime();

  private final LocalDocumentRegistry registry;
  private final MemoOptions options;
  private State state = State.LOADING;
  private Document doc;
  private long seq;
  private long storedBytes;
  private int chunksSinceSnapshot;
  private byte[] saved;
  private ChangeHash[] savedHeads;

  LiveDocument(LocalDocumentRegistry registry, DocumentId id) {
    this.registry = registry;
    this.options = registry.options();
    this.id = id;
    this.queue = new SerialQueue(registry.workers(), options.maxQueuedPerDocument());
  }

  State state() {
    return state;
  }

  Document document() {
    return doc;
  }

  // ------------------------------------------------------------------ loading and unloading

  /**
   * The first task of every live document. Listens to other nodes' chunks before reading the
   * store, so that nothing stored in between is missed (what arrives waits in the queue).
   */
  Future<Void> load() {
    MemoFanout.Receiver receiver = new MemoFanout.Receiver() {
      @Override
      public void received(long remoteSeq, byte[] changes) {
        queue.submitAlways(() -> applyRemote(remoteSeq, changes));
      }

      @Override
      public void resync() {
        queue.submitAlways(() -> state == State.LIVE ? catchUp(true).mapEmpty() : Future.succeededFuture());
      }
    };
    return registry.fanout().listen(id, receiver)
        .recover(e -> {
          // The memo works without the other nodes; the fan-out subscribes again and resyncs on reconnection.
          LOG.warn("memo document {} loads without hearing the other nodes", id, e);
          return Future.succeededFuture();
        })
        .compose(v -> registry.callStore(() -> registry.store().load(id)))
        .transform(ar -> registry.onWorker(() -> {
      if (ar.failed()) {
        LOG.warn("loading memo document {} failed", id, ar.cause());
        return fail(State.FAILED, new MemoException(Reason.STORE_FAILED, "the document could not be loaded", ar.cause()));
      }
      Optional<StoredDocument> stored = ar.result();
      if (stored.isEmpty()) {
        return fail(State.MISSING, new MemoException(Reason.NOT_FOUND, "no document " + id));
      }
      StoredDocument s = stored.get();
      try {
        doc = Document.load(s.snapshot());
      } catch (RuntimeException e) {
        LOG.error("the stored snapshot of memo document {} is not an Automerge document", id, e);
        return fail(State.FAILED, new MemoException(Reason.STORE_FAILED, "the stored document is corrupt", e));
      }
      for (StoredChanges chunk : s.changes()) {
        try {
          doc.applyEncodedChanges(chunk.bytes());
        } catch (RuntimeException e) {
          LOG.error("skipping corrupt stored chunk {} of memo document {}", chunk.seq(), id, e);
        }
      }
      seq = s.lastSeq();
      storedBytes = s.sizeBytes();
      chunksSinceSnapshot = s.changes().size();
      state = State.LIVE;
      touch();
      return Future.succeededFuture();
    }));
  }

  private Future<Void> fail(State newState, MemoException cause) {
    state = newState;
    registry.fanout().unlisten(id);
    registry.forget(this);
    return Future.failedFuture(cause);
  }

  /**
   * Unloads the document if no peer came back and nothing happened for the idle time (or at
   * once when {@code force}); saves a snapshot first if chunks were appended since the last one.
   */
  Future<Void> unload(boolean force) {
    unloadQueued.set(false);
    if (state != State.LIVE) {
      return Future.succeededFuture();
    }
    long idleNanos = System.nanoTime() - lastActivityNanos;
    if (!force && (!peers.isEmpty() || idleNanos < options.idleUnload().toNanos())) {
      return Future.succeededFuture();
    }
    Future<Boolean> snapshot = chunksSinceSnapshot > 0 ? compact() : Future.succeededFuture(true);
    return snapshot.compose(ok -> {
      if (!ok && !force) {
        return Future.succeededFuture();
      }
      peers.values().forEach(p -> p.sync.free());
      peers.clear();
      if (registry.guard() != null) {
        registry.guard().drop(id);
      }
      doc.free();
      doc = null;
      saved = null;
      state = State.UNLOADED;
      registry.fanout().unlisten(id);
      registry.forget(this);
      registry.afterUnload(id);
      return Future.succeededFuture();
    });
  }

  // ------------------------------------------------------------------ sync

  /** Applies one sync message from {@code link}, stores its changes, then answers and fans out. */
  Future<Void> receive(PeerLink link, Access access, byte[] data) {
    touch();
    AutomergeSyncMessage message;
    try {
      message = AutomergeSyncMessage.parse(data, options.maxDocumentBytes());
    } catch (AutomergeSyncMessage.InvalidSyncMessage e) {
      return Future.failedFuture(e.tooLarge()
          ? new MemoException(Reason.DOCUMENT_TOO_LARGE, "documents are limited to " + options.maxDocumentBytes() + " bytes")
          : new MemoException(Reason.INVALID_SYNC_MESSAGE, e.getMessage()));
    }
    if (message.hasChanges() && !access.canWrite()) {
      return Future.failedFuture(new MemoException(Reason.READ_ONLY, "this document is read-only for you"));
    }
    if (message.hasChanges() && registry.guard() != null) {
      ChangeGuard.Verdict verdict = registry.guard().check(id, this::savedDocument, message.joinedChanges());
      if (verdict == ChangeGuard.Verdict.CRASHED) {
        LOG.warn("changes from peer {} to memo document {} crash Automerge; refused", link.peerId(), id);
        return Future.failedFuture(new MemoException(Reason.HARMFUL_CHANGES,
            "these changes crash Automerge; refused"));
      }
      if (verdict == ChangeGuard.Verdict.REFUSED) {
        return Future.failedFuture(new MemoException(Reason.INVALID_SYNC_MESSAGE, "not valid Automerge changes"));
      }
    }
    // Only a message that passed every check attaches its sender and records its capabilities.
    PeerState peer = attach(link);
    if (message.acceptsV2()) {
      peer.acceptsV2 = true;
    }
    ChangeHash[] before = doc.getHeads();
    try {
      doc.receiveSyncMessage(peer.sync, data);
    } catch (RuntimeException e) {
      LOG.debug("invalid sync message for {} from {}: {}", id, link.peerId(), e.getMessage());
      if (!Arrays.equals(before, doc.getHeads())) {
        rollback(before, peer);
      }
      return Future.failedFuture(new MemoException(Reason.INVALID_SYNC_MESSAGE,
          "not a valid Automerge sync message: " + e.getMessage()));
    }
    return commit(before, peer);
  }

  /** Runs {@code edit} as the server's own change, then stores and fans it out. */
  Future<Void> changeLocally(Consumer<Transaction> edit) {
    touch();
    ChangeHash[] before = doc.getHeads();
    try (Transaction tx = doc.startTransaction()) {
      edit.accept(tx);
      tx.commit();
    }
    return commit(before, null);
  }

  /**
   * Stores what changed since {@code before} (if anything), then sends sync messages: to
   * {@code origin} always, to every other peer if the heads moved. On a store failure or a size
   * overrun the document goes back to {@code before} and nothing is sent.
   */
  private Future<Void> commit(ChangeHash[] before, PeerState origin) {
    ChangeHash[] after = doc.getHeads();
    if (Arrays.equals(before, after)) {
      if (origin != null) {
        sendTo(origin);
      }
      return Future.succeededFuture();
    }
    byte[] changes = doc.encodeChangesSince(before);
    if (origin == null && registry.guard() != null) {
      registry.guard().mirror(id, changes);
    }
    if (storedBytes + changes.length > options.maxDocumentBytes()) {
      rollback(before, origin);
      return Future.failedFuture(new MemoException(Reason.DOCUMENT_TOO_LARGE,
          "documents are limited to " + options.maxDocumentBytes() + " bytes"));
    }
    return append(changes, before, origin, new ArrayList<>(), 1);
  }

  /**
   * Appends {@code changes} as the next chunk. When another node took that sequence number first
   * (only with a shared fan-out), reads what it stored, then tries the next number; on failure
   * the document goes back to {@code before} plus the other nodes' chunks read meanwhile.
   */
  private Future<Void> append(byte[] changes, ChangeHash[] before, PeerState origin, List<byte[]> caughtUp,
      int attempt) {
    long next = seq + 1;
    return registry.callStore(() -> registry.store().appendChanges(id, next, changes))
        .transform(ar -> registry.onWorker(() -> {
          if (ar.failed()) {
            if (registry.fanout().shared() && attempt < MAX_APPEND_ATTEMPTS) {
              // Our change is not stored yet: nothing may be sent to the peers until it is.
              return catchUp(false).compose(read -> {
                caughtUp.addAll(read);
                return seq >= next
                    ? append(changes, before, origin, caughtUp, attempt + 1)
                    : failAppend(next, before, origin, caughtUp, ar.cause());
              });
            }
            return failAppend(next, before, origin, caughtUp, ar.cause());
          }
          seq = next;
          storedBytes += changes.length;
          chunksSinceSnapshot++;
          registry.fanout().stored(id, next, changes);
          // Durable now: only from here on may a message whose heads include the change go out.
          peers.values().forEach(this::sendTo);
          registry.afterChange(id);
          return chunksSinceSnapshot >= options.compactEvery() ? compact().mapEmpty() : Future.succeededFuture();
        }));
  }

  private Future<Void> failAppend(long next, ChangeHash[] before, PeerState origin, List<byte[]> caughtUp,
      Throwable cause) {
    LOG.warn("storing changes {} of memo document {} failed; rolled back", next, id, cause);
    rollback(before, origin);
    caughtUp.forEach(this::applyQuietly);
    if (!caughtUp.isEmpty()) {
      peers.values().forEach(this::sendTo);
    }
    return Future.failedFuture(new MemoException(Reason.STORE_FAILED,
        "the change could not be stored; it will be sent again", cause));
  }

  // ------------------------------------------------------------------ other nodes

  /**
   * Applies a chunk another node stored. The next one in sequence is applied and counted; one
   * already held is ignored; one after a gap (a message lost while Redis was away) makes the
   * document read the store. Then this node's peers are synced.
   */
  private Future<Void> applyRemote(long remoteSeq, byte[] changes) {
    if (state != State.LIVE || remoteSeq <= seq) {
      return Future.succeededFuture();
    }
    if (remoteSeq > seq + 1) {
      return catchUp(true).mapEmpty();
    }
    ChangeHash[] before = doc.getHeads();
    if (!applyQuietly(changes)) {
      return catchUp(true).mapEmpty();
    }
    seq = remoteSeq;
    storedBytes += changes.length;
    chunksSinceSnapshot++;
    afterRemote(before, changes, true);
    return Future.succeededFuture();
  }

  /**
   * Reads the store and applies every chunk after {@link #seq} (and a newer snapshot, if another
   * node compacted past it), then, if {@code syncPeers}, syncs this node's peers.
   *
   * @return the chunks applied
   */
  private Future<List<byte[]>> catchUp(boolean syncPeers) {
    return registry.callStore(() -> registry.store().load(id)).transform(ar -> registry.onWorker(() -> {
      if (ar.failed() || ar.result().isEmpty() || state != State.LIVE) {
        return Future.succeededFuture(List.of());
      }
      StoredDocument s = ar.result().get();
      ChangeHash[] before = doc.getHeads();
      List<byte[]> applied = new ArrayList<>();
      if (s.snapshotSeq() > seq) {
        Document snapshot = Document.load(s.snapshot());
        doc.merge(snapshot);
        applied.add(snapshot.encodeChangesSince(new ChangeHash[0]));
        snapshot.free();
      }
      for (StoredChanges chunk : s.changes()) {
        if (chunk.seq() > seq && applyQuietly(chunk.bytes())) {
          applied.add(chunk.bytes());
        }
      }
      seq = Math.max(seq, s.lastSeq());
      storedBytes = s.sizeBytes();
      chunksSinceSnapshot = s.changes().size();
      if (!applied.isEmpty()) {
        afterRemote(before, null, syncPeers);
      }
      return Future.succeededFuture(applied);
    }));
  }

  /** The heads moved through other nodes' changes: keep the guard's replica in step, sync the peers. */
  private void afterRemote(ChangeHash[] before, byte[] changes, boolean syncPeers) {
    if (Arrays.equals(before, doc.getHeads())) {
      return;
    }
    if (registry.guard() != null) {
      if (changes != null) {
        registry.guard().mirror(id, changes);
      } else {
        registry.guard().drop(id);
      }
    }
    if (syncPeers) {
      peers.values().forEach(this::sendTo);
    }
  }

  private boolean applyQuietly(byte[] changes) {
    try {
      doc.applyEncodedChanges(changes);
      return true;
    } catch (RuntimeException e) {
      LOG.error("could not apply another node's changes to memo document {}", id, e);
      return false;
    }
  }

  private void rollback(ChangeHash[] before, PeerState origin) {
    if (registry.guard() != null) {
      registry.guard().drop(id);
    }
    Document old = doc;
    doc = old.fork(before);
    old.free();
    saved = null;
    if (origin != null) {
      origin.sync.free();
      origin.sync = new SyncState();
    }
  }

  private void sendTo(PeerState peer) {
    Optional<byte[]> generated;
    try {
      generated = doc.generateSyncMessage(peer.sync);
    } catch (RuntimeException e) {
      LOG.warn("generating a sync message of {} for {} failed; resetting its sync state", id, peer.link.peerId(), e);
      peer.sync.free();
      peer.sync = new SyncState();
      return;
    }
    if (generated.isEmpty()) {
      return;
    }
    byte[] data = compactForPeer(peer, generated.get());
    peer.link.deliver(new RepoMessage.Sync(registry.peerId(), peer.link.peerId(), id, data));
  }

  /**
   * Automerge 0.5.7 sends a peer that lacks many changes each of them (about 100 bytes per
   * keystroke), or, to an empty peer, the whole document plus a Bloom filter over every change
   * (10 bits per change). When the peer accepts v2 messages, send the compressed document instead
   * whenever it is smaller, with an exact, empty-filter {@code have}.
   */
  private byte[] compactForPeer(PeerState peer, byte[] data) {
    if (!options.wholeDocumentSync() || !peer.acceptsV2 || data.length < options.wholeDocumentMinBytes()) {
      return data;
    }
    AutomergeSyncMessage message;
    try {
      message = AutomergeSyncMessage.parse(data, Long.MAX_VALUE);
    } catch (AutomergeSyncMessage.InvalidSyncMessage e) {
      LOG.warn("could not parse our own sync message for {}: {}", id, e.getMessage());
      return data;
    }
    if (!message.hasChanges()) {
      return data;
    }
    byte[] whole = savedDocument();
    if (message.carriesDocument() || message.changeBytes() > whole.length) {
      return message.withWholeDocument(whole);
    }
    return data;
  }

  private byte[] savedDocument() {
    ChangeHash[] heads = doc.getHeads();
    if (saved == null || !Arrays.equals(savedHeads, heads)) {
      saved = doc.save();
      savedHeads = heads;
    }
    return saved;
  }

  /** Saves a snapshot covering every chunk so far; true if the store took it. */
  private Future<Boolean> compact() {
    byte[] snapshot = savedDocument();
    long upTo = seq;
    return registry.callStore(() -> registry.store().compact(id, snapshot, upTo))
        .transform(ar -> registry.onWorker(() -> {
          if (ar.failed()) {
            LOG.warn("compacting memo document {} failed; will retry", id, ar.cause());
            return Future.succeededFuture(false);
          }
          if (seq == upTo) {
            storedBytes = snapshot.length;
            chunksSinceSnapshot = 0;
          }
          return Future.succeededFuture(true);
        }));
  }

  // ------------------------------------------------------------------ peers

  private PeerState attach(PeerLink link) {
    PeerState peer = peers.get(link.peerId());
    if (peer == null || peer.link != link) {
      if (peer != null) {
        peer.sync.free();
      }
      peer = new PeerState(link);
      peers.put(link.peerId(), peer);
    }
    return peer;
  }

  /** Forgets {@code link} if it is still the connection known under its peer id. */
  Future<Void> detach(PeerLink link) {
    PeerState peer = peers.get(link.peerId());
    if (peer != null && peer.link == link) {
      peers.remove(link.peerId());
      peer.sync.free();
      touch();
    }
    return Future.succeededFuture();
  }

  /** Sends an ephemeral message to every other peer of this document (any thread). */
  int relay(PeerLink from, RepoMessage.Ephemeral message) {
    int n = 0;
    for (PeerState peer : peers.values()) {
      if (peer.link != from) {
        peer.link.deliver(message.to(peer.link.peerId()));
        n++;
      }
    }
    return n;
  }

  private void touch() {
    lastActivityNanos = System.nanoTime();
  }
}
