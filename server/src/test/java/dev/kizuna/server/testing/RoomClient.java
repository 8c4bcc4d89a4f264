package dev.kizuna.server.testing;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A room socket client as the browser holds it: connects to {@code /ws/rooms/{id}} with the
 * session cookie, queues every JSON frame it receives and records how the server closed it.
 */
public final class RoomClient implements AutoCloseable {

  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  /** Runs on the socket's event loop as the connection completes, before any frame is handled. */
  private RoomClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    if (socket.isClosed()) {
      closed.complete(socket.closeStatusCode());
    }
  }

  /**
   * Opens a room socket.
   *
   * @param cookie the {@code Cookie} header to send, or {@code null} for none
   */
  public static RoomClient connect(WebSocketClient client, int port, String meetingId, String cookie) {
    return connect(client, port, "/ws/rooms/" + meetingId, cookie == null ? Map.of() : Map.of("Cookie", cookie));
  }

  /** Opens a socket to {@code uri} (path and query) sending {@code headers}. */
  public static RoomClient connect(WebSocketClient client, int port, String uri, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setURI(uri);
    headers.forEach(options::putHeader);
    Future<RoomClient> connected = client.connect(options).map(RoomClient::new);
    return await(connected);
  }

  public void send(JsonObject message) {
    await(socket.writeTextMessage(message.encode()));
  }

  public void sendBinary(byte[] data) {
    await(socket.writeBinaryMessage(Buffer.buffer(data)));
  }

  /** Sends without waiting for the write to complete (a paced audio stream). */
  public void sendBinaryNow(byte[] data) {
    socket.writeBinaryMessage(Buffer.buffer(data));
  }

  /**
   * Skips frames until one of {@code type} that {@code match} accepts arrives within {@code timeout}.
   */
  public JsonObject awaitMessage(String type, Predicate<JsonObject> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject message = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
        if (message == null) {
          throw new AssertionError("no " + type + " frame matching within " + timeout);
        }
        if (type.equals(message.getString("type")) && match.test(message)) {
          return message;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Takes every frame received so far. */
  public List<JsonObject> drain() {
    List<JsonObject> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  /** The next frame; fails the test if none arrives in time. */
  public JsonObject next() {
    try {
      JsonObject message = received.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("a frame within %s", Await.TIMEOUT).isNotNull();
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must have {@code type}. */
  public JsonObject next(String type) {
    JsonObject message = next();
    assertThat(message.getString("type")).as("type of %s", message).isEqualTo(type);
    return message;
  }

  /** Sends {@code join} and returns the {@code welcome}. */
  public JsonObject join() {
    send(new JsonObject().put("type", "join"));
    return next("welcome");
  }

  /** Waits until the server closes the socket; returns the close code. */
  public short awaitClose() {
    try {
      Short code = closed.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(code).as("close code").isNotNull();
      return code;
    } catch (TimeoutException e) {
      throw new AssertionError("socket still open after " + Await.TIMEOUT);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Frames received but not taken yet. */
  public int pending() {
    return received.size();
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
  }
}
