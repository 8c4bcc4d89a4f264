package dev.kizuna.server.memo;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoHooks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plain-text rendering of each shared memo up to date in {@code memo_documents}:
 * after a change it waits {@link #DELAY} (edits arrive keystroke by keystroke), then renders
 * once for everything that happened meanwhile.
 */
public final class MemoTextIndexer implements MemoHooks {

  /** How long changes are gathered before the text is rendered again. */
  public static final Duration DELAY = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(MemoTextIndexer.class);

  private final Vertx vertx;
  private final MemoDocuments documents;
  private final Supplier<DocumentRegistry> registry;
  private final Set<DocumentId> pending = ConcurrentHashMap.newKeySet();

  /**
   * @param registry the registry whose changes this indexes (created after this hook, hence a supplier)
   */
  public MemoTextIndexer(Vertx vertx, MemoDocuments documents, Supplier<DocumentRegistry> registry) {
    this.vertx = vertx;
    this.documents = documents;
    this.registry = registry;
  }

  @Override
  public Future<Void> afterChange(DocumentId id) {
    if (pending.add(id)) {
      vertx.setTimer(DELAY.toMillis(), t -> {
        pending.remove(id);
        index(id).onFailure(e -> LOG.warn("memo text not updated doc={}", id.value(), e));
      });
    }
    return Future.succeededFuture();
  }

  private Future<Void> index(DocumentId id) {
    return documents.find(id).compose(entry -> {
      if (entry.isEmpty() || entry.get().kind() != MemoDocuments.Kind.SHARED) {
        return Future.succeededFuture();
      }
      return registry.get().read(id, MemoRenderer::toJson)
          .compose(json -> documents.updateText(id, MemoRenderer.toText(json, Locale.ENGLISH)));
    });
  }
}
