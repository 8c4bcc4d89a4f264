package dev.kizuna.transcription;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A {@link TranscriptListener} that records what it receives, when ({@link System#nanoTime()}) and
 * whether on a Vert.x event loop.
 */
public final class RecordingListener implements TranscriptListener {

  /** A partial result and when it arrived. */
  public record TimedPartial(PartialResult partial, long atNanos) {}

  public final List<TimedPartial> partials = new CopyOnWriteArrayList<>();
  public final List<FinalSegment> segments = new CopyOnWriteArrayList<>();
  public final List<StreamHealth> health = new CopyOnWriteArrayList<>();
  /** Threads that delivered events without being on a Vert.x event loop. */
  public final List<String> offContext = new CopyOnWriteArrayList<>();
  /** Completes at the first DEGRADED. */
  public final CompletableFuture<StreamHealth> degraded = new CompletableFuture<>();
  /** Completes at the first NORMAL after a DEGRADED. */
  public final CompletableFuture<StreamHealth> recovered = new CompletableFuture<>();

  @Override
  public void partial(PartialResult partial) {
    check();
    partials.add(new TimedPartial(partial, System.nanoTime()));
  }

  @Override
  public void segment(FinalSegment segment) {
    check();
    segments.add(segment);
  }

  @Override
  public void health(StreamHealth h) {
    check();
    health.add(h);
    (h.state() == StreamHealth.State.DEGRADED ? degraded : recovered).complete(h);
  }

  /** The final segments' texts, space separated. */
  public String text() {
    return segments.stream().map(FinalSegment::text).collect(Collectors.joining(" "));
  }

  /** Every word of every segment, in order. */
  public List<Word> words() {
    return segments.stream().flatMap(s -> s.words().stream()).toList();
  }

  private void check() {
    if (!Context.isOnEventLoopThread() || Vertx.currentContext() == null) {
      offContext.add(Thread.currentThread().getName());
    }
  }
}
