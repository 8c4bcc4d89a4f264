package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryMemoStoreTest extends MemoStoreContractTest {

  @Override
  protected MemoStore newStore() {
    return MemoStore.inMemory();
  }

  @Test
  void loadedBytesAreCopies() {
    MemoStore store = newStore();
    DocumentId id = DocumentId.random();
    byte[] snapshot = {1, 2};
    await(store.create(id, snapshot));
    snapshot[0] = 9;
    await(store.load(id)).orElseThrow().snapshot()[1] = 9;
    assertThat(await(store.load(id)).orElseThrow().snapshot()).containsExactly(1, 2);
  }
}
