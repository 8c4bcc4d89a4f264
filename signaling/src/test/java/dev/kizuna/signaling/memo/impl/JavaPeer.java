package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.RepoMessage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.SyncState;
import org.automerge.Transaction;

/**
 * An automerge peer in the test JVM that talks to a {@link LocalDocumentRegistry} directly, as a
 * socket would: its own document and sync state, messages from the server in a queue.
 */
final class JavaPeer implements PeerLink, AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final String peerId = "java-" + UUID.randomUUID();
  final LinkedBlockingQueue<RepoMessage> inbox = new LinkedBlockingQueue<>();
  final LocalDocumentRegistry registry;
  final DocumentId id;
  Document doc = new Document();
  SyncState sync = new SyncState();
  Access access = Access.WRITE;

  JavaPeer(LocalDocumentRegistry registry, DocumentId id) {
    this.registry = registry;
    this.id = id;
  }

  @Override
  public String peerId() {
    return peerId;
  }

  @Override
  public void deliver(RepoMessage message) {
    inbox.add(message);
  }

  /** Sends our next sync message, if any; the future is the server's processing of it. */
  Optional<Future<Void>> send() {
    return doc.generateSyncMessage(sync).map(data -> registry.receive(id, this, access, data));
  }

  /**
   * Sends sync messages until one carries our changes and returns the server's processing of
   * that one. The first message after an edit need not carry them: when our new change hash is
   * a false positive of the Bloom filter the server last sent (about 1 in 100 at Automerge's 10
   * bits per entry), we believe the server has it; the server's answer then names it in
   * {@code need} and the next message carries it. Messages without changes are awaited.
   */
  Future<Void> sendChanges() {
    for (int round = 0; round < 10; round++) {
      drain();
      Optional<byte[]> data = doc.generateSyncMessage(sync);
      if (data.isEmpty()) {
        RepoMessage late = poll(Duration.ofMillis(100));
        if (late != null) {
          apply(late);
        }
        continue;
      }
      Future<Void> processed = registry.receive(id, this, access, data.get());
      if (carriesChanges(data.get())) {
        return processed;
      }
      await(processed);
    }
    throw new AssertionError("no sync message carried our changes");
  }

  private static boolean carriesChanges(byte[] data) {
    try {
      return AutomergeSyncMessage.parse(data, Long.MAX_VALUE).hasChanges();
    } catch (AutomergeSyncMessage.InvalidSyncMessage e) {
      throw new AssertionError("Automerge generated an invalid sync message", e);
    }
  }

  Future<Void> sendRaw(byte[] data) {
    return registry.receive(id, this, access, data);
  }

  /**
   * Exchanges messages with the server until neither side has anything to say. The server
   * delivers its answers before it completes the processing future, so no waiting is needed.
   */
  void syncUp() {
    for (int round = 0; round < 100; round++) {
      drain();
      Optional<Future<Void>> sent = send();
      if (sent.isEmpty()) {
        if (inbox.isEmpty()) {
          return;
        }
        continue;
      }
      await(sent.get());
    }
    throw new AssertionError("no quiescence after 100 rounds");
  }

  /**
   * Applies every message that is waiting or arrives within {@code wait} and tells whether any of
   * them announced {@code head} among the server's heads (an acknowledgement or fan-out of it).
   * Other messages (a late answer of an earlier round) are harmless and only applied.
   */
  boolean hearsOf(ChangeHash head, Duration wait) {
    boolean heard = false;
    long deadline = System.nanoTime() + wait.toNanos();
    RepoMessage m;
    while ((m = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
      if (m instanceof RepoMessage.Sync s) {
        try {
          heard |= AutomergeSyncMessage.parse(s.data(), Long.MAX_VALUE).heads().stream()
              .anyMatch(h -> Arrays.equals(h, head.getBytes()));
        } catch (AutomergeSyncMessage.InvalidSyncMessage e) {
          throw new AssertionError("the server sent an invalid sync message", e);
        }
      }
      apply(m);
    }
    return heard;
  }

  void apply(RepoMessage message) {
    if (message instanceof RepoMessage.Sync s) {
      doc.receiveSyncMessage(sync, s.data());
    }
  }

  /** Applies every message already waiting. */
  void drain() {
    RepoMessage m;
    while ((m = inbox.poll()) != null) {
      apply(m);
    }
  }

  RepoMessage poll(Duration wait) {
    try {
      return inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  void edit(Consumer<Transaction> change) {
    try (Transaction tx = doc.startTransaction()) {
      change.accept(tx);
      tx.commit();
    }
  }

  String text(String field) {
    return doc.get(ObjectId.ROOT, field)
        .map(v -> doc.text(((org.automerge.AmValue.Text) v).getId()).orElseThrow()).orElse(null);
  }

  ObjectId textId(String field) {
    return ((org.automerge.AmValue.Text) doc.get(ObjectId.ROOT, field).orElseThrow()).getId();
  }

  List<ChangeHash> heads() {
    return Arrays.asList(doc.getHeads());
  }

  void reset() {
    sync.free();
    sync = new SyncState();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Override
  public void close() {
    registry.detach(id, this);
    sync.free();
    doc.free();
  }
}
