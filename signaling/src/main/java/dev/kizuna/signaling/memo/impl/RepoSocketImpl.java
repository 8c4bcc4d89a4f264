package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DecodeResult;
import dev.kizuna.signaling.memo.DocumentAccess;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoException;
import dev.kizuna.signaling.memo.MemoLimits;
import dev.kizuna.signaling.memo.RepoCodec;
import dev.kizuna.signaling.memo.RepoMessage;
import dev.kizuna.signaling.memo.RepoSession;
import io.github.bucket4j.Bucket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memo socket: not joined, joined, closed. All its state is touched on the socket's context
 * only; documents reach it through {@link #deliver}, from any thread.
 */
public final class RepoSocketImpl implements PeerLink {

  private static final Logger LOG = LoggerFactory.getLogger(RepoSocketImpl.class);
  private static final String PROTOCOL_V1 = "1";
  /** Longest error text sent; longer ones (e.g. echoing a client's input) are cut. */
  static final int MAX_ERROR_TEXT = 200;
  private static final long ERROR_REPORT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
  /** bucket4j refuses refills above one token per nanosecond; a higher limit is no limit in practice. */
  private static final long MAX_REFILL_PER_SECOND = Duration.ofSeconds(1).toNanos();

  private record Grant(Access access, long expiresNanos) {}

  private final ServerWebSocket socket;
  private final RepoSession session;
  private final LocalDocumentRegistry registry;
  private final DocumentAccess access;
  private final MemoLimits limits;
  private final Context context;
  private final Bucket messages;
  private final Bucket bytes;
  private final Map<DocumentId, Grant> grants = new HashMap<>();
  private final Map<DocumentId, Future<Access>> pendingGrants = new HashMap<>();
  private final Set<DocumentId> documents = new HashSet<>();
  private final long maxPendingWriteBytes;
  private String peerId;
  private volatile boolean closed;
  private long pendingWriteBytes;
  private long lastRateErrorNanos = Long.MIN_VALUE;

  public RepoSocketImpl(ServerWebSocket socket, RepoSession session, LocalDocumentRegistry registry,
      DocumentAccess access, MemoLimits limits) {
    this.socket = socket;
    this.session = session;
    this.registry = registry;
    this.access = access;
    this.limits = limits;
    this.context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("RepoSocket.serve must be called on a Vert.x context");
    }
    this.messages = Bucket.builder()
        .addLimit(l -> l.capacity(limits.burst())
            .refillGreedy(Math.min(limits.messagesPerSecond(), MAX_REFILL_PER_SECOND), Duration.ofSeconds(1)))
        .build();
    long byteCapacity = Math.max(limits.bytesPerSecond(), limits.maxMessageBytes());
    this.bytes = Bucket.builder()
        .addLimit(l -> l.capacity(byteCapacity)
            .refillGreedy(Math.min(limits.bytesPerSecond(), MAX_REFILL_PER_SECOND), Duration.ofSeconds(1)))
        .build();
    // Saturates: a huge document limit must not wrap around and make every write "too slow".
    long pending = 8L * limits.maxMessageBytes();
    long maxDocument = registry.options().maxDocumentBytes();
    this.maxPendingWriteBytes = maxDocument > Long.MAX_VALUE - pending ? Long.MAX_VALUE : pending + maxDocument;
  }

  public void start() {
    socket.binaryMessageHandler(this::onBinary);
    socket.textMessageHandler(text -> {
      if (admit(text.length())) {
        sendError("binary-only", "the memo socket takes binary CBOR frames only");
      }
    });
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.debug("memo socket error user={} peer={}", session.userId(), peerId, e));
  }

  // ------------------------------------------------------------------ inbound

  private void onBinary(Buffer buffer) {
    if (closed || !admit(buffer.length())) {
      return;
    }
    if (buffer.length() > limits.maxMessageBytes()) {
      sendError("too-large", "messages are limited to " + limits.maxMessageBytes() + " bytes");
      return;
    }
    DecodeResult result = RepoCodec.decode(buffer.getBytes(), limits.maxMessageBytes());
    if (result instanceof DecodeResult.Invalid invalid) {
      sendError(invalid.problem().code(), invalid.detail());
      return;
    }
    RepoMessage message = ((DecodeResult.Decoded) result).message();
    if (peerId == null) {
      if (message instanceof RepoMessage.Join join) {
        onJoin(join);
      } else {
        sendError("not-joined", "send a join message first");
      }
      return;
    }
    if (!message.senderId().equals(peerId)) {
      sendError("bad-sender", "senderId must be the peer id you joined with");
      return;
    }
    if (message instanceof RepoMessage.Join) {
      sendError("bad-message", "already joined");
    } else if (message instanceof RepoMessage.Sync sync) {
      if (targetsServer(sync.targetId())) {
        onSync(sync.documentId(), sync.data());
      }
    } else if (message instanceof RepoMessage.Request request) {
      if (targetsServer(request.targetId())) {
        onSync(request.documentId(), request.data());
      }
    } else if (message instanceof RepoMessage.Ephemeral ephemeral) {
      if (targetsServer(ephemeral.targetId())) {
        onEphemeral(ephemeral);
      }
    } else if (message instanceof RepoMessage.Leave) {
      socket.close((short) 1000, "left");
    } else if (message instanceof RepoMessage.Peer) {
      sendError("bad-message", "peer messages are sent by servers");
    } else if (message instanceof RepoMessage.Error error) {
      LOG.debug("memo client {} reported an error: {}", peerId, error.message());
    }
    // doc-unavailable, remote-subscription-change, remote-heads-changed: nothing to do.
  }

  private boolean targetsServer(String targetId) {
    if (registry.peerId().equals(targetId)) {
      return true;
    }
    sendError("unknown-target", "this server is peer '" + registry.peerId() + "'");
    return false;
  }

  private void onJoin(RepoMessage.Join join) {
    List<String> versions = join.supportedProtocolVersions();
    if (versions != null && !versions.contains(PROTOCOL_V1)) {
      sendError("unsupported-protocol", "unsupported protocol version; this server speaks version " + PROTOCOL_V1);
      socket.close(CloseCodes.PROTOCOL, "unsupported protocol version");
      return;
    }
    String id = join.senderId();
    RepoSocketImpl[] displaced = new RepoSocketImpl[1];
    boolean[] refused = new boolean[1];
    registry.connections().compute(id, (key, previous) -> {
      if (previous == null || previous == this || previous.isClosed()) {
        return this;
      }
      if (previous.session.userId().equals(session.userId())) {
        displaced[0] = previous;
        return this;
      }
      refused[0] = true;
      return previous;
    });
    if (refused[0]) {
      sendError("peer-id-taken", "another user is connected with this peer id");
      socket.close(CloseCodes.PROTOCOL, "peer id taken");
      return;
    }
    if (displaced[0] != null) {
      displaced[0].replaced();
    }
    peerId = id;
    write(RepoCodec.encode(new RepoMessage.Peer(registry.peerId(), peerId, registry.peerMetadata(), PROTOCOL_V1)));
  }

  private void onSync(DocumentId id, byte[] data) {
    if (!documents.contains(id) && documents.size() >= limits.maxDocumentsPerConnection()) {
      sendError("too-many-documents", "one connection may sync at most " + limits.maxDocumentsPerConnection()
          + " documents");
      return;
    }
    grant(id).onComplete(ar -> onContext(() -> {
      if (closed) {
        return;
      }
      Access granted = ar.succeeded() ? ar.result() : Access.NONE;
      if (!granted.canRead()) {
        unavailable(id);
        return;
      }
      documents.add(id);
      registry.receive(id, this, granted, data).onComplete(done -> {
        if (done.failed()) {
          onContext(() -> onSyncFailed(id, done.cause()));
        }
      });
    }));
  }

  private void onSyncFailed(DocumentId id, Throwable cause) {
    if (closed) {
      return;
    }
    if (cause instanceof MemoException e) {
      if (e.reason() == MemoException.Reason.NOT_FOUND) {
        unavailable(id);
      } else if (e.reason() == MemoException.Reason.HARMFUL_CHANGES) {
        LOG.warn("closing memo socket of user {} peer {}: its changes to {} crash Automerge", session.userId(), peerId, id);
        sendError(e.reason().code(), "document " + id + ": " + e.getMessage());
        socket.close(CloseCodes.PROTOCOL, "harmful changes");
      } else {
        sendError(e.reason().code(), "document " + id + ": " + e.getMessage());
      }
    } else {
      LOG.warn("memo sync failed doc={} peer={}", id, peerId, cause);
      sendError("internal-error", "document " + id + ": the server could not process the message");
    }
  }

  private void onEphemeral(RepoMessage.Ephemeral message) {
    if (message.data().length > limits.maxEphemeralBytes()) {
      sendError("too-large", "ephemeral data is limited to " + limits.maxEphemeralBytes() + " bytes");
      return;
    }
    DocumentId id = message.documentId();
    grant(id).onComplete(ar -> onContext(() -> {
      if (closed) {
        return;
      }
      if (ar.succeeded() && ar.result().canRead()) {
        registry.relay(id, this, message);
      } else {
        unavailable(id);
      }
    }));
  }

  private void unavailable(DocumentId id) {
    if (documents.remove(id)) {
      registry.detach(id, this);
    }
    write(RepoCodec.encode(new RepoMessage.DocUnavailable(registry.peerId(), peerId, id)));
  }

  /** The caller's access to {@code id}: cached, in flight (so messages keep their order), or asked. */
  private Future<Access> grant(DocumentId id) {
    Grant cached = grants.get(id);
    if (cached != null && System.nanoTime() - cached.expiresNanos < 0) {
      return Future.succeededFuture(cached.access());
    }
    Future<Access> pending = pendingGrants.get(id);
    if (pending != null) {
      return pending;
    }
    Future<Access> asked;
    try {
      asked = access.access(session.userId(), id);
      if (asked == null) {
        asked = Future.succeededFuture(Access.NONE);
      }
    } catch (RuntimeException e) {
      asked = Future.failedFuture(e);
    }
    Future<Access> result = asked.otherwise(e -> {
      LOG.warn("access check failed user={} doc={}", session.userId(), id, e);
      return Access.NONE;
    });
    if (!result.isComplete()) {
      pendingGrants.put(id, result);
    }
    result.onComplete(ar -> onContext(() -> {
      pendingGrants.remove(id, result);
      grants.put(id, new Grant(ar.result(), System.nanoTime() + limits.accessTtl().toNanos()));
    }));
    return result;
  }

  // ------------------------------------------------------------------ outbound

  @Override
  public String peerId() {
    return peerId;
  }

  @Override
  public void deliver(RepoMessage message) {
    byte[] encoded = RepoCodec.encode(message);
    onContext(() -> write(encoded));
  }

  private void write(byte[] encoded) {
    if (closed) {
      return;
    }
    if (pendingWriteBytes > maxPendingWriteBytes) {
      LOG.info("memo client {} of user {} reads too slowly; closing", peerId, session.userId());
      socket.close(CloseCodes.TOO_SLOW, "too slow");
      return;
    }
    long size = encoded.length;
    pendingWriteBytes += size;
    socket.writeBinaryMessage(Buffer.buffer(encoded)).onComplete(ar -> pendingWriteBytes -= size);
  }

  private void sendError(String code, String text) {
    String bounded = CborCodec.abbreviate(text, MAX_ERROR_TEXT);
    write(RepoCodec.encode(new RepoMessage.Error(registry.peerId(), peerId, bounded, code)));
  }

  /** Takes one message and its bytes from the buckets; past the rate, drops it and reports at most once a second. */
  private boolean admit(long size) {
    if (messages.tryConsume(1) && bytes.tryConsume(Math.max(1, size))) {
      return true;
    }
    long now = System.nanoTime();
    if (lastRateErrorNanos == Long.MIN_VALUE || now - lastRateErrorNanos >= ERROR_REPORT_INTERVAL_NANOS) {
      lastRateErrorNanos = now;
      sendError("rate-limited", "too many messages; at most " + limits.messagesPerSecond() + " per second");
    }
    return false;
  }

  // ------------------------------------------------------------------ lifecycle

  private boolean isClosed() {
    return closed;
  }

  /** A newer connection of the same user took this peer id. */
  private void replaced() {
    onContext(() -> {
      if (!closed) {
        socket.close(CloseCodes.REPLACED, "replaced by a newer connection");
      }
    });
  }

  private void onClosed() {
    closed = true;
    if (peerId != null) {
      registry.connections().remove(peerId, this);
      documents.forEach(id -> registry.detach(id, this));
      documents.clear();
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
