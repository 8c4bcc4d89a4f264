package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/hints/words}: the word co-occurrence ranking over the released COMMUNITY hints of
 * one expectation and language. Morphological analysis runs on a one-thread worker pool with at
 * most {@link #MAX_WAITING} requests waiting (then 503), never on an event loop.
 */
public final class WordRoutes {

  /** Words and pairs listed. */
  static final int TOP = 15;
  /** Requests that may wait for the analysis pool. */
  static final int MAX_WAITING = 8;

  private final HintRepository hints;
  private final WorkerExecutor analysis;
  private final AtomicInteger waiting = new AtomicInteger();

  public WordRoutes(Vertx vertx, HintRepository hints) {
    this.hints = hints;
    this.analysis = vertx.createSharedWorkerExecutor("kizuna-text-analysis", 1);
  }

  /** Answers {@code {expectation, language, hints, words:[{word,count}], pairs:[{a,b,count,dice}]}}. */
  public void rank(RoutingContext ctx) {
    Expectation expectation = Expectation.valueOf(Responses.queryParam(ctx, "expectation").orElseThrow());
    String language = Responses.queryParam(ctx, "language").orElseThrow();
    Responses.ok(ctx, () -> hints.find(HintKind.COMMUNITY, null, expectation, language).compose(found -> {
      if (waiting.incrementAndGet() > MAX_WAITING) {
        waiting.decrementAndGet();
        return Future.failedFuture(new HttpProblem(503, "Busy", "the text analysis is busy; try again shortly"));
      }
      List<String> texts = found.stream().map(Hint::text).toList();
      return analysis.executeBlocking(() -> WordRanking.of(texts.stream().map(t -> HintWords.of(t, language)).toList(), TOP),
              false)
          .andThen(done -> waiting.decrementAndGet())
          .map(ranking -> ranking.toJson().put("expectation", expectation.name()).put("language", language));
    }));
  }
}
