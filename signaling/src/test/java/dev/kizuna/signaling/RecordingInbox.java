package dev.kizuna.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PeerInbox} that records what a hub hands it, and on which thread, so a test can wait
 * for messages in order and check the hub honours "called on the event loop that entered".
 */
public final class RecordingInbox implements PeerInbox {

  /** A close request received by {@link #evict}. */
  public record Eviction(short closeCode, String reason, Thread thread) {}

  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Eviction> eviction = new CompletableFuture<>();
  private final List<Thread> wrongThreads = new CopyOnWriteArrayList<>();
  private final Thread expectedThread;
  private final Duration timeout;

  /**
   * @param expectedThread the event loop thread that entered this peer; deliveries elsewhere
   *     are recorded as violations
   */
  public RecordingInbox(Thread expectedThread, Duration timeout) {
    this.expectedThread = expectedThread;
    this.timeout = timeout;
  }

  @Override
  public void deliver(JsonObject message) {
    if (Thread.currentThread() != expectedThread) {
      wrongThreads.add(Thread.currentThread());
    }
    messages.add(message);
  }

  @Override
  public void evict(short closeCode, String reason) {
    eviction.complete(new Eviction(closeCode, reason, Thread.currentThread()));
  }

  /** The next delivered message; fails the test if none arrives in time. */
  public JsonObject next() {
    try {
      JsonObject message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        fail("no message delivered within " + timeout);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Messages delivered but not yet taken by {@link #next()}. */
  public List<JsonObject> pending() {
    return List.copyOf(messages);
  }

  /** Waits for {@link #evict}; fails the test if it is not called in time. */
  public Eviction awaitEviction() {
    try {
      return eviction.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("inbox was not evicted within " + timeout, e);
    }
  }

  public boolean evicted() {
    return eviction.isDone();
  }

  /** Asserts every delivery so far ran on the event loop that entered the peer. */
  public void assertDeliveredOnOwnEventLoop() {
    assertThat(wrongThreads).as("threads that delivered instead of %s", expectedThread.getName()).isEmpty();
  }
}
