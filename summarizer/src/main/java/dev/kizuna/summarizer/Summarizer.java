package dev.kizuna.summarizer;

import dev.kizuna.summarizer.embedded.ExtractiveSummarizer;
import dev.kizuna.summarizer.llm.LlmSummarizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Makes the minimal memo of a 1on1 from its agenda, transcript and memo text.
 *
 * <p>All work (embedding, ranking, model calls) runs on a bounded worker pool, never on an event loop.
 */
public interface Summarizer extends AutoCloseable {

  /**
   * The summary of one meeting. Fails only when no summary can be made at all (e.g. the embedded model
   * cannot load); LLM problems fall back to the embedded summariser, which {@link Summary#producedBy()} shows.
   */
  Future<Summary> summarize(SummaryRequest request);

  /** Releases the worker pool. */
  @Override
  void close();

  /**
   * The summariser {@code options} ask for: the embedded extractive one for provider NONE, otherwise the LLM
   * path with the embedded one as fallback.
   */
  static Summarizer create(Vertx vertx, SummarizerOptions options) {
    ExtractiveSummarizer embedded = new ExtractiveSummarizer(vertx, options.workerPoolSize());
    if (options.provider() == SummarizerOptions.Provider.NONE) {
      return embedded;
    }
    return new LlmSummarizer(vertx, options, embedded);
  }
}
