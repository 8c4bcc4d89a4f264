package dev.kizuna.signaling.memo;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of the memo engine ({@link DocumentRegistry}). Start from {@link #defaults()}.
 *
 * @param peerId the server's automerge-repo peer id, sent in {@code peer} and as {@code senderId}
 * @param storageId optional storage id advertised in the server's peer metadata; when set, clients
 *     with storage keep their sync state with this server across reconnects (faster resync). Set a
 *     stable value per database, or {@code null}
 * @param workerThreads threads that run Automerge (JNI) work, off the event loops
 * @param maxQueuedPerDocument pending operations per document beyond which new ones fail with
 *     {@link MemoException.Reason#BUSY}
 * @param compactEvery appended change chunks after which the document is saved as a new snapshot
 * @param idleUnload how long a document without peers stays in memory
 * @param maxDocumentBytes largest stored size (snapshot plus chunks) a document may reach through
 *     sync; changes beyond it are refused
 * @param wholeDocumentSync send a peer the whole compressed document instead of a long list of
 *     changes when that is smaller (peers that advertise sync message v2 only)
 * @param wholeDocumentMinBytes outgoing change payloads below this size are sent as they are
 * @param guardChanges apply every client's changes first to a replica in a child JVM, so that
 *     changes that make the native Automerge library panic (which aborts the JVM) kill only the
 *     child; turn off only where every writer is trusted
 */
public record MemoOptions(String peerId, String storageId, int workerThreads, int maxQueuedPerDocument,
    int compactEvery, Duration idleUnload, long maxDocumentBytes, boolean wholeDocumentSync,
    int wholeDocumentMinBytes, boolean guardChanges) {

  public MemoOptions {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(idleUnload, "idleUnload");
    if (peerId.isBlank() || workerThreads <= 0 || maxQueuedPerDocument <= 0 || compactEvery <= 0
        || idleUnload.isNegative() || maxDocumentBytes <= 0 || wholeDocumentMinBytes < 0) {
      throw new IllegalArgumentException("invalid memo options");
    }
  }

  /**
   * A random peer id, no storage id, 2 worker threads, 256 queued operations per document, a
   * snapshot every 200 chunks, unload after 60 s idle, 16 MiB documents, whole-document sync above
   * 2 KiB, changes guarded in a child JVM.
   */
  public static MemoOptions defaults() {
    return new MemoOptions("kizuna-server-" + UUID.randomUUID(), null, 2, 256, 200, Duration.ofSeconds(60),
        16L * 1024 * 1024, true, 2048, true);
  }

  public MemoOptions withPeerId(String id) {
    return new MemoOptions(id, storageId, workerThreads, maxQueuedPerDocument, compactEvery, idleUnload,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withStorageId(String id) {
    return new MemoOptions(peerId, id, workerThreads, maxQueuedPerDocument, compactEvery, idleUnload,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withWorkerThreads(int n) {
    return new MemoOptions(peerId, storageId, n, maxQueuedPerDocument, compactEvery, idleUnload,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withMaxQueuedPerDocument(int n) {
    return new MemoOptions(peerId, storageId, workerThreads, n, compactEvery, idleUnload, maxDocumentBytes,
        wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withCompactEvery(int chunks) {
    return new MemoOptions(peerId, storageId, workerThreads, maxQueuedPerDocument, chunks, idleUnload,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withIdleUnload(Duration idle) {
    return new MemoOptions(peerId, storageId, workerThreads, maxQueuedPerDocument, compactEvery, idle,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withMaxDocumentBytes(long bytes) {
    return new MemoOptions(peerId, storageId, workerThreads, maxQueuedPerDocument, compactEvery, idleUnload,
        bytes, wholeDocumentSync, wholeDocumentMinBytes, guardChanges);
  }

  public MemoOptions withGuardChanges(boolean enabled) {
    return new MemoOptions(peerId, storageId, workerThreads, maxQueuedPerDocument, compactEvery, idleUnload,
        maxDocumentBytes, wholeDocumentSync, wholeDocumentMinBytes, enabled);
  }

  public MemoOptions withWholeDocumentSync(boolean enabled) {
    return new MemoOptions(peerId, storageId, workerThreads, maxQueuedPerDocument, compactEvery, idleUnload,
        maxDocumentBytes, enabled, wholeDocumentMinBytes, guardChanges);
  }
}
