package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.StoredDocument;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store whose appends can be held back or failed by the test. */
final class ControllableStore implements MemoStore {

  final MemoStore delegate = MemoStore.inMemory();
  final AtomicInteger appends = new AtomicInteger();
  final AtomicInteger compactions = new AtomicInteger();
  volatile boolean failAppends;
  volatile Promise<Void> gate;

  @Override
  public Future<Optional<StoredDocument>> load(DocumentId id) {
    return delegate.load(id);
  }

  @Override
  public Future<Void> create(DocumentId id, byte[] snapshot) {
    return delegate.create(id, snapshot);
  }

  @Override
  public Future<Void> appendChanges(DocumentId id, long seq, byte[] changes) {
    if (failAppends) {
      return Future.failedFuture(new IllegalStateException("disk on fire"));
    }
    Promise<Void> held = gate;
    Future<Void> ready = held == null ? Future.succeededFuture() : held.future();
    return ready.compose(v -> delegate.appendChanges(id, seq, changes)).onSuccess(v -> appends.incrementAndGet());
  }

  @Override
  public Future<Void> compact(DocumentId id, byte[] snapshot, long upToSeq) {
    return delegate.compact(id, snapshot, upToSeq).onSuccess(v -> compactions.incrementAndGet());
  }

  /** Holds every later append until {@link #release()}. */
  void hold() {
    gate = Promise.promise();
  }

  void release() {
    Promise<Void> held = gate;
    gate = null;
    held.complete();
  }

  StoredDocument stored(DocumentId id) {
    return JavaPeer.await(delegate.load(id)).orElseThrow();
  }
}
