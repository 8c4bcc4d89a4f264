package dev.kizuna.server.memo;

import dev.kizuna.server.db.MongoStore;
import dev.kizuna.signaling.memo.MemoStore;
import dev.kizuna.signaling.memo.MemoStoreContractTest;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link MongoMemoStore} keeps the memo store contract, on the embedded MongoDB-wire server and its H2 files. */
class MongoMemoStoreTest extends MemoStoreContractTest {

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private MongoStore mongo;

  @Override
  protected MemoStore newStore() {
    vertx = Vertx.vertx();
    mongo = await(MongoStore.open(vertx, Optional.empty(), dataDir, "kizuna"));
    MongoMemoStore store = new MongoMemoStore(mongo);
    await(store.createIndexes());
    return store;
  }

  @AfterEach
  void closeStore() {
    await(mongo.close());
    await(vertx.close());
  }
}
