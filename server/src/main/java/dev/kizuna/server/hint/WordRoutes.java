package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.web.BoundedWorker;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/hints/words}: the word co-occurrence ranking over the released COMMUNITY hints of
 * one expectation and language. Morphological analysis runs on a one-thread {@link BoundedWorker}
 * with at most {@link #MAX_PENDING} requests queued or running (then 503), never on an event loop.
 */
public final class WordRoutes {

  /** Words and pairs listed. */
  static final int TOP = 15;
  /** Requests that may be queued or running in the analysis pool. */
  static final int MAX_PENDING = 8;

  private final HintRepository hints;
  private final BoundedWorker analysis;

  public WordRoutes(Vertx vertx, HintRepository hints) {
    this.hints = hints;
    this.analysis = new BoundedWorker(vertx, "kizuna-text-analysis", 1, MAX_PENDING,
        "the text analysis is busy; try again shortly");
  }

  /** Answers {@code {expectation, language, hints, words:[{word,count}], pairs:[{a,b,count,dice}]}}. */
  public void rank(RoutingContext ctx) {
    Expectation expectation = Expectation.valueOf(Responses.queryParam(ctx, "expectation").orElseThrow());
    String language = Responses.queryParam(ctx, "language").orElseThrow();
    Responses.ok(ctx, () -> hints.find(HintKind.COMMUNITY, null, expectation, language).compose(found -> {
      List<String> texts = found.stream().map(Hint::text).toList();
      return analysis.run(() -> WordRanking.of(texts.stream().map(t -> HintWords.of(t, language)).toList(), TOP))
          .map(ranking -> ranking.toJson().put("expectation", expectation.name()).put("language", language));
    }));
  }
}
