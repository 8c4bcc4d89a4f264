package dev.kizuna.bench.hub;

import dev.kizuna.signaling.PeerInbox;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * A peer's inbox that records, for every message carrying a send time {@code t} (from
 * {@link System#nanoTime()} in this JVM), the one-way latency in nanoseconds, then hands the
 * message on. Presence messages ({@code peer-joined}, {@code peer-left}: no {@code t}) are
 * dropped.
 */
final class TimedInbox implements PeerInbox {

  private final Recorder latencyNanos;
  private final Consumer<JsonObject> then;

  /**
   * @param latencyNanos where latencies go
   * @param then called with each timed message, on the peer's context
   */
  TimedInbox(Recorder latencyNanos, Consumer<JsonObject> then) {
    this.latencyNanos = latencyNanos;
    this.then = then;
  }

  @Override
  public void deliver(JsonObject message) {
    Long sent = timeOf(message);
    if (sent == null) {
      return;
    }
    latencyNanos.recordValue(Math.max(0, System.nanoTime() - sent));
    then.accept(message);
  }

  @Override
  public void evict(short closeCode, String reason) {
    throw new IllegalStateException("peer evicted (" + closeCode + " " + reason + "): the bench never reconnects");
  }

  /** The send time a bench message carries in its payload, or null for presence messages. */
  static Long timeOf(JsonObject message) {
    JsonObject data = message.getJsonObject("data");
    return data == null ? null : data.getLong("t");
  }
}
