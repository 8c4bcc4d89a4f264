package dev.kizuna.transcription;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Offers recorded audio to a {@link SpeakerStream} the way a client would. */
public final class PcmFeeder {

  private PcmFeeder() {}

  /** {@code pcm} cut into frames of {@code frameMs} (the last one may be shorter). */
  public static List<byte[]> frames(byte[] pcm, int frameMs) {
    int size = frameMs * PcmFrames.BYTES_PER_MS;
    List<byte[]> frames = new ArrayList<>();
    for (int at = 0; at < pcm.length; at += size) {
      frames.add(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + size)));
    }
    return frames;
  }

  /** Offers every frame at once; returns what the stream did with each. */
  public static List<Admission> atOnce(SpeakerStream stream, byte[] pcm, int frameMs) {
    return frames(pcm, frameMs).stream().map(stream::offer).toList();
  }

  /**
   * Offers one frame every {@code frameMs} from a Vert.x timer (real-time pace, like a microphone);
   * completes with the admissions once the last frame was offered.
   */
  public static Future<List<Admission>> realTime(Vertx vertx, SpeakerStream stream, byte[] pcm, int frameMs) {
    List<byte[]> frames = frames(pcm, frameMs);
    List<Admission> admissions = new ArrayList<>();
    Promise<List<Admission>> done = Promise.promise();
    vertx.setPeriodic(1, frameMs, id -> {
      admissions.add(stream.offer(frames.get(admissions.size())));
      if (admissions.size() == frames.size()) {
        vertx.cancelTimer(id);
        done.complete(admissions);
      }
    });
    return done.future();
  }
}
