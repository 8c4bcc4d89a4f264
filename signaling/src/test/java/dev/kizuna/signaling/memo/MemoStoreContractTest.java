package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoStore} must do; each implementation runs it with its own
 * {@link #newStore()} (the in-memory one in this module, the MongoDB one in the server through
 * this module's test jar).
 */
public abstract class MemoStoreContractTest {

  private MemoStore store;

  /** A store with no documents in it. */
  protected abstract MemoStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  protected static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the call to fail");
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void anUnknownDocumentLoadsAsEmpty() {
    assertThat(await(store.load(DocumentId.random()))).isEmpty();
  }

  @Test
  void aCreatedDocumentLoadsWithItsSnapshotAtSequenceZero() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(1, 2, 3)));

    StoredDocument d = await(store.load(id)).orElseThrow();

    assertThat(d.snapshot()).containsExactly(1, 2, 3);
    assertThat(d.snapshotSeq()).isZero();
    assertThat(d.changes()).isEmpty();
    assertThat(d.lastSeq()).isZero();
  }

  @Test
  void creatingAnExistingDocumentFailsAndKeepsIt() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(1)));
    failure(store.create(id, bytes(2)));
    assertThat(await(store.load(id)).orElseThrow().snapshot()).containsExactly(1);
  }

  @Test
  void appendedChunksLoadInSequenceOrder() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(0)));
    await(store.appendChanges(id, 1, bytes(10)));
    await(store.appendChanges(id, 2, bytes(20, 21)));
    await(store.appendChanges(id, 3, bytes(30)));

    StoredDocument d = await(store.load(id)).orElseThrow();

    assertThat(d.changes()).extracting(StoredDocument.StoredChanges::seq).containsExactly(1L, 2L, 3L);
    assertThat(d.changes().get(1).bytes()).containsExactly(20, 21);
    assertThat(d.lastSeq()).isEqualTo(3);
    assertThat(d.sizeBytes()).isEqualTo(5);
  }

  @Test
  void aTakenSequenceNumberIsRefused() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(0)));
    await(store.appendChanges(id, 1, bytes(10)));
    failure(store.appendChanges(id, 1, bytes(99)));
    assertThat(await(store.load(id)).orElseThrow().changes()).singleElement()
        .satisfies(c -> assertThat(c.bytes()).containsExactly(10));
  }

  @Test
  void compactionReplacesTheSnapshotAndDropsTheChunksItCovers() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(0)));
    await(store.appendChanges(id, 1, bytes(10)));
    await(store.appendChanges(id, 2, bytes(20)));
    await(store.appendChanges(id, 3, bytes(30)));

    await(store.compact(id, bytes(7, 7), 2));

    StoredDocument d = await(store.load(id)).orElseThrow();
    assertThat(d.snapshot()).containsExactly(7, 7);
    assertThat(d.snapshotSeq()).isEqualTo(2);
    assertThat(d.changes()).extracting(StoredDocument.StoredChanges::seq).containsExactly(3L);
    await(store.appendChanges(id, 4, bytes(40)));
    assertThat(await(store.load(id)).orElseThrow().lastSeq()).isEqualTo(4);
  }

  @Test
  void anOlderSnapshotAfterANewerOneChangesNothing() {
    DocumentId id = DocumentId.random();
    await(store.create(id, bytes(0)));
    await(store.appendChanges(id, 1, bytes(10)));
    await(store.appendChanges(id, 2, bytes(20)));
    await(store.appendChanges(id, 3, bytes(30)));

    // two nodes compacting the same document: the one covering more lands first
    await(store.compact(id, bytes(3, 3), 3));
    await(store.compact(id, bytes(2, 2), 2));

    StoredDocument d = await(store.load(id)).orElseThrow();
    assertThat(d.snapshot()).containsExactly(3, 3);
    assertThat(d.snapshotSeq()).isEqualTo(3);
    assertThat(d.changes()).isEmpty();
  }

  @Test
  void documentsAreIndependent() {
    DocumentId a = DocumentId.random();
    DocumentId b = DocumentId.random();
    await(store.create(a, bytes(1)));
    await(store.create(b, bytes(2)));
    await(store.appendChanges(a, 1, bytes(11)));
    Optional<StoredDocument> loaded = await(store.load(b));
    assertThat(loaded.orElseThrow().changes()).isEmpty();
  }
}
