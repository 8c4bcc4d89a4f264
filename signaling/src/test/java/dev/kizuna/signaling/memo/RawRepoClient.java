package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven client of the memo socket: sends any bytes, decodes what comes back. For the
 * protocol's edges that a stock client never produces.
 */
final class RawRepoClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  record Close(Short code, String reason) {}

  final String peerId = "raw-" + UUID.randomUUID();
  private final WebSocket ws;
  private final WebSocketClient client;
  private final BlockingQueue<RepoMessage> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  String serverPeerId;

  private RawRepoClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.binaryMessageHandler(b -> {
      DecodeResult r = RepoCodec.decode(b.getBytes(), Integer.MAX_VALUE);
      if (r instanceof DecodeResult.Decoded d) {
        frames.add(d.message());
      } else {
        frames.add(new RepoMessage.Error("?", null, "undecodable frame from server: " + r, "test-undecodable"));
      }
    });
    ws.closeHandler(v -> closed.complete(new Close(ws.closeStatusCode(), ws.closeReason())));
  }

  static RawRepoClient connect(MemoTestServer server, String user) {
    WebSocketClient client = server.vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
    CompletableFuture<RawRepoClient> socket = new CompletableFuture<>();
    client.connect(server.port(), "localhost", "/ws/memo?user=" + user).onComplete(ar -> {
      if (ar.succeeded()) {
        socket.complete(new RawRepoClient(client, ar.result()));
      } else {
        socket.completeExceptionally(ar.cause());
      }
    });
    try {
      return socket.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not connect", e);
    }
  }

  /** Joins and returns the server's {@code peer} answer. */
  RepoMessage.Peer join() {
    send(new RepoMessage.Join(peerId, java.util.Map.of("isEphemeral", true), List.of("1")));
    RepoMessage.Peer peer = expect(RepoMessage.Peer.class);
    serverPeerId = peer.senderId();
    return peer;
  }

  void send(RepoMessage message) {
    sendBytes(RepoCodec.encode(message));
  }

  void sendBytes(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  void sendText(String text) {
    ws.writeTextMessage(text);
  }

  void sync(DocumentId id, byte[] data) {
    send(new RepoMessage.Sync(peerId, serverPeerId, id, data));
  }

  RepoMessage next() {
    RepoMessage m = poll(TIMEOUT);
    if (m == null) {
      fail("no frame within " + TIMEOUT + (closed.isDone() ? "; closed with " + closed.join() : ""));
    }
    return m;
  }

  RepoMessage poll(Duration wait) {
    try {
      return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  <T extends RepoMessage> T expect(Class<T> type) {
    RepoMessage m = next();
    assertThat(m).as("next frame").isInstanceOf(type);
    return type.cast(m);
  }

  RepoMessage.Error expectError(String code) {
    RepoMessage.Error e = expect(RepoMessage.Error.class);
    assertThat(e.code()).as("error code of '%s'", e.message()).isEqualTo(code);
    assertThat(e.message()).isNotBlank();
    return e;
  }

  /** Skips frames until an error with {@code code} arrives. */
  RepoMessage.Error awaitError(String code) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      RepoMessage m = next();
      if (m instanceof RepoMessage.Error e && code.equals(e.code())) {
        return e;
      }
    }
    throw new AssertionError("no error " + code);
  }

  Close awaitClose() {
    try {
      return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("not closed within " + TIMEOUT, e);
    }
  }

  boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      ws.close();
    }
    client.close();
  }
}
