package dev.kizuna.server.testing;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends PCM on an audio socket as a browser does: one 100 ms frame every 100 ms (real-time pace). */
public final class AudioStreamer {

  /** 100 ms of 16 kHz 16-bit mono PCM. */
  public static final int FRAME_BYTES = 3_200;
  private static final ScheduledExecutorService CLOCK = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "audio-streamer");
    t.setDaemon(true);
    return t;
  });

  private AudioStreamer() {}

  /** Streams {@code pcm} on {@code socket}; completes after the last frame was handed to the socket. */
  public static CompletableFuture<Void> realTime(RoomClient socket, byte[] pcm) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger at = new AtomicInteger();
    var task = CLOCK.scheduleAtFixedRate(() -> {
      int from = at.getAndAdd(FRAME_BYTES);
      if (from >= pcm.length || done.isDone()) {
        done.complete(null);
        return;
      }
      byte[] frame = Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + FRAME_BYTES));
      socket.sendBinaryNow(frame.length % 2 == 0 && frame.length >= 640 ? frame : pad(frame));
    }, 0, 100, TimeUnit.MILLISECONDS);
    return done.whenComplete((v, e) -> task.cancel(false));
  }

  /** The last frame of a clip may be shorter than the 20 ms minimum: pad it with silence. */
  private static byte[] pad(byte[] frame) {
    return Arrays.copyOf(frame, Math.max(640, frame.length + (frame.length & 1)));
  }
}
