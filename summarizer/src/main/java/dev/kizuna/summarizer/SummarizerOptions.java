package dev.kizuna.summarizer;

import java.time.Duration;
import java.util.Objects;

/**
 * How summaries are made.
 *
 * @param provider {@link Provider#NONE} (the embedded extractive summariser only), {@link Provider#OPENAI}
 *     (any OpenAI-compatible endpoint: OpenAI, vLLM, LM Studio) or {@link Provider#OLLAMA} (Ollama's
 *     OpenAI-compatible {@code /v1} endpoint)
 * @param baseUrl the endpoint, e.g. {@code https://api.openai.com/v1}, {@code http://localhost:8000/v1} or
 *     {@code http://localhost:11434/v1}; required unless the provider is NONE
 * @param model the model name the endpoint serves; required unless the provider is NONE
 * @param apiKey the bearer key, null or empty when the endpoint needs none
 * @param timeout the limit for one model call; after a timeout, an error or malformed output the call is
 *     tried once more, then the embedded summariser answers
 * @param workerPoolSize threads for summarising (CPU-bound embedding and ranking, blocking model calls)
 */
public record SummarizerOptions(
    Provider provider, String baseUrl, String model, String apiKey, Duration timeout, int workerPoolSize) {

  /** Where summaries come from. */
  public enum Provider {
    NONE,
    OPENAI,
    OLLAMA
  }

  public SummarizerOptions {
    Objects.requireNonNull(provider, "provider");
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    if (workerPoolSize < 1) {
      throw new IllegalArgumentException("workerPoolSize must be at least 1");
    }
    if (provider != Provider.NONE && (isBlank(baseUrl) || isBlank(model))) {
      throw new IllegalArgumentException("provider " + provider + " needs a baseUrl and a model");
    }
  }

  /** The embedded summariser only, on two worker threads. */
  public static SummarizerOptions embedded() {
    return new SummarizerOptions(Provider.NONE, null, null, null, null, 2);
  }

  /** An LLM at an OpenAI-compatible endpoint, 60 s per call, falling back to the embedded summariser. */
  public static SummarizerOptions openAi(String baseUrl, String model, String apiKey) {
    return new SummarizerOptions(Provider.OPENAI, baseUrl, model, apiKey, null, 2);
  }

  /** A model served by Ollama at {@code baseUrl} (e.g. {@code http://localhost:11434/v1}). */
  public static SummarizerOptions ollama(String baseUrl, String model) {
    return new SummarizerOptions(Provider.OLLAMA, baseUrl, model, null, null, 2);
  }

  /** The same options with another per-call timeout. */
  public SummarizerOptions withTimeout(Duration timeout) {
    return new SummarizerOptions(provider, baseUrl, model, apiKey, timeout, workerPoolSize);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
