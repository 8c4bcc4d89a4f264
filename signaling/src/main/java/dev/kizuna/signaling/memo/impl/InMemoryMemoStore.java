package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoException;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.StoredDocument;
import dev.kizuna.signaling.memo.StoredDocument.StoredChanges;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MemoStore#inMemory()}: documents in a map, every call answered at once. */
public final class InMemoryMemoStore implements MemoStore {

  private static final class Entry {
    byte[] snapshot;
    long snapshotSeq;
    final List<StoredChanges> changes = new ArrayList<>();
  }

  private final Map<DocumentId, Entry> documents = new HashMap<>();

  @Override
  public synchronized Future<Optional<StoredDocument>> load(DocumentId id) {
    Entry e = documents.get(id);
    if (e == null) {
      return Future.succeededFuture(Optional.empty());
    }
    List<StoredChanges> copies = e.changes.stream().map(c -> new StoredChanges(c.seq(), c.bytes().clone())).toList();
    return Future.succeededFuture(Optional.of(new StoredDocument(e.snapshot.clone(), e.snapshotSeq, copies)));
  }

  @Override
  public synchronized Future<Void> create(DocumentId id, byte[] snapshot) {
    if (documents.containsKey(id)) {
      return Future.failedFuture(new MemoException(MemoException.Reason.ALREADY_EXISTS, "document " + id + " exists"));
    }
    Entry e = new Entry();
    e.snapshot = snapshot.clone();
    documents.put(id, e);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> appendChanges(DocumentId id, long seq, byte[] changes) {
    Entry e = documents.get(id);
    if (e == null) {
      return Future.failedFuture(new IllegalStateException("no document " + id));
    }
    long last = e.changes.isEmpty() ? e.snapshotSeq : e.changes.get(e.changes.size() - 1).seq();
    if (seq <= last) {
      return Future.failedFuture(new IllegalStateException("sequence " + seq + " of " + id + " is taken"));
    }
    e.changes.add(new StoredChanges(seq, changes.clone()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> compact(DocumentId id, byte[] snapshot, long upToSeq) {
    Entry e = documents.get(id);
    if (e == null) {
      return Future.failedFuture(new IllegalStateException("no document " + id));
    }
    if (upToSeq <= e.snapshotSeq) {
      return Future.succeededFuture();
    }
    e.snapshot = snapshot.clone();
    e.snapshotSeq = Math.max(e.snapshotSeq, upToSeq);
    e.changes.removeIf(c -> c.seq() <= upToSeq);
    return Future.succeededFuture();
  }
}
