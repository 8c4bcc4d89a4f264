package dev.kizuna.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of the room socket that queues every text frame it receives. */
final class TestSocket implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How the server closed the socket. */
  record Close(Short code, String reason) {}

  private final WebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private JsonObject welcome;

  private TestSocket(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.binaryMessageHandler(b -> frames.add(new JsonObject().put("type", "<binary>")));
    ws.closeHandler(v -> closed.complete(new Close(ws.closeStatusCode(), ws.closeReason())));
  }

  static TestSocket connect(WebSocketClient client, int port, String uri) {
    CompletableFuture<TestSocket> socket = new CompletableFuture<>();
    client.connect(port, "localhost", uri).onComplete(ar -> {
      if (ar.succeeded()) {
        socket.complete(new TestSocket(ar.result()));
      } else {
        socket.completeExceptionally(ar.cause());
      }
    });
    try {
      return socket.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not connect to " + uri, e);
    }
  }

  /** Sends {@code join} and waits for {@code welcome}; returns the welcome. */
  JsonObject join() {
    send(new JsonObject().put("type", "join"));
    welcome = expect("welcome");
    return welcome;
  }

  /** This connection's peer id, from its welcome. */
  String peerId() {
    assertThat(welcome).as("joined").isNotNull();
    return welcome.getString("you");
  }

  void send(JsonObject message) {
    sendText(message.encode());
  }

  void sendText(String text) {
    ws.writeTextMessage(text);
  }

  void sendBinary(Buffer data) {
    ws.writeBinaryMessage(data);
  }

  void signal(String to, JsonObject data) {
    send(new JsonObject().put("type", "signal").put("to", to).put("data", data));
  }

  /** The next frame; fails if none arrives in time. */
  JsonObject next() {
    JsonObject frame = poll(TIMEOUT);
    if (frame == null) {
      fail("no frame within " + TIMEOUT + (closed.isDone() ? "; socket closed with " + closed.join() : ""));
    }
    return frame;
  }

  /** The next frame, or {@code null} if none arrives within {@code wait}. */
  JsonObject poll(Duration wait) {
    try {
      return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  JsonObject expect(String type) {
    JsonObject frame = next();
    assertThat(frame.getString("type")).as("type of %s", frame.encode()).isEqualTo(type);
    return frame;
  }

  /** The next frame, which must be an error with {@code code}. */
  JsonObject expectError(String code) {
    JsonObject frame = expect("error");
    assertThat(frame.getString("code")).as("error code of %s", frame.encode()).isEqualTo(code);
    assertThat(frame.getString("message")).as("error message").isNotBlank();
    return frame;
  }

  /** Frames received but not yet taken. */
  int pendingFrames() {
    return frames.size();
  }

  /** Waits for the server to close the socket. */
  Close awaitClose() {
    try {
      return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + TIMEOUT, e);
    }
  }

  boolean isOpen() {
    return !closed.isDone() && !ws.isClosed();
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      ws.close();
    }
  }
}
