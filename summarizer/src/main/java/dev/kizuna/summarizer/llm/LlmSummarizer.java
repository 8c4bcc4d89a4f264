package dev.kizuna.summarizer.llm;

import dev.kizuna.summarizer.Commitment;
import dev.kizuna.summarizer.ItemSummary;
import dev.kizuna.summarizer.Speaker;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.SummaryRequest;
import dev.kizuna.summarizer.embedded.ExtractiveSummarizer;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM path: one LangChain4j AI service call with structured output (a JSON schema from {@link LlmMemo})
 * to an OpenAI-compatible chat completions endpoint. OpenAI, vLLM and LM Studio serve that API; so does
 * Ollama under {@code /v1}, which is used for Ollama because langchain4j-ollama has no release matching
 * langchain4j 1.19.0 here (1.18.1 at most). A call that times out, fails or answers malformed output is
 * tried once more; after the second failure the error is logged and the embedded summariser answers
 * ({@link Summary#producedBy()} is then {@code "embedded"}).
 */
public final class LlmSummarizer implements Summarizer {

  private static final Logger log = LoggerFactory.getLogger(LlmSummarizer.class);
  static final int ATTEMPTS = 2;

  private final WorkerExecutor executor;
  private final MemoWriter writer;
  private final String producedBy;
  private final ExtractiveSummarizer fallback;

  /** An LLM summariser for {@code options} (provider OPENAI or OLLAMA) falling back to {@code fallback}. */
  public LlmSummarizer(Vertx vertx, SummarizerOptions options, ExtractiveSummarizer fallback) {
    this.executor = vertx.createSharedWorkerExecutor("kizuna-summarizer", options.workerPoolSize());
    this.fallback = fallback;
    this.producedBy = "llm:" + options.model();
    OpenAiChatModel model = OpenAiChatModel.builder()
        .baseUrl(options.baseUrl())
        .apiKey(options.apiKey() == null || options.apiKey().isBlank() ? "none" : options.apiKey())
        .modelName(options.model())
        .timeout(options.timeout())
        // retries are ours (one, then the fallback), so that a slow endpoint costs at most two timeouts
        .maxRetries(0)
        .temperature(0.2)
        .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
        .strictJsonSchema(true)
        .build();
    this.writer = AiServices.create(MemoWriter.class, model);
  }

  @Override
  public Future<Summary> summarize(SummaryRequest request) {
    return executor.executeBlocking(() -> summarizeNow(request), false);
  }

  @Override
  public void close() {
    executor.close();
    fallback.close();
  }

  private Summary summarizeNow(SummaryRequest request) {
    String meeting = Prompts.meeting(request);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return toSummary(writer.write(meeting), request);
      } catch (RuntimeException e) {
        last = e;
        log.warn("LLM summary attempt {} of {} failed: {}", attempt, ATTEMPTS, describe(e));
      }
    }
    log.error("LLM summary failed {} times ({}); the embedded summariser answers instead", ATTEMPTS, describe(last));
    return fallback.summarizeNow(request);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e ? what : what + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  /** Checks the model's answer and turns it into a {@link Summary}; {@link MalformedSummaryException} if unusable. */
  private Summary toSummary(LlmMemo memo, SummaryRequest request) {
    if (memo == null || memo.items() == null || memo.items().isEmpty()) {
      throw new MalformedSummaryException("the model's answer has no agenda items");
    }
    int agendaSize = request.agenda().size();
    List<List<String>> points = new ArrayList<>();
    for (int i = 0; i < agendaSize; i++) {
      points.add(new ArrayList<>());
    }
    for (LlmMemo.Item item : memo.items()) {
      if (item == null || item.agendaIndex() < 0 || item.agendaIndex() >= agendaSize) {
        throw new MalformedSummaryException("the model's answer names agenda item "
            + (item == null ? "null" : item.agendaIndex()) + " of " + agendaSize);
      }
      for (String p : nonNull(item.points())) {
        if (p != null && !p.isBlank() && points.get(item.agendaIndex()).size() < ExtractiveSummarizer.MAX_POINTS) {
          points.get(item.agendaIndex()).add(p.strip());
        }
      }
    }
    List<ItemSummary> items = new ArrayList<>();
    for (int i = 0; i < agendaSize; i++) {
      items.add(new ItemSummary(i, request.agenda().get(i).topic(), points.get(i)));
    }
    List<Commitment> commitments = new ArrayList<>();
    for (LlmMemo.Promise p : nonNull(memo.promises())) {
      commitments.add(commitment(p));
    }
    return new Summary(items, commitments,
        Map.of(Speaker.MEMBER.name(), clean(memo.memberKeepsInMind()), Speaker.MANAGER.name(), clean(memo.managerKeepsInMind())),
        clean(memo.nextTopics()), producedBy);
  }

  private static Commitment commitment(LlmMemo.Promise p) {
    if (p == null || p.what() == null || p.what().isBlank()) {
      throw new MalformedSummaryException("the model's answer has a promise without an action");
    }
    Speaker owner;
    try {
      owner = Speaker.valueOf(String.valueOf(p.owner()).strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new MalformedSummaryException("the model's answer has a promise owned by '" + p.owner()
          + "', not MEMBER or MANAGER");
    }
    LocalDate due = null;
    if (p.due() != null && !p.due().isBlank() && !p.due().equalsIgnoreCase("null")) {
      try {
        due = LocalDate.parse(p.due().strip());
      } catch (DateTimeParseException e) {
        throw new MalformedSummaryException("the model's answer has a due date '" + p.due() + "', not yyyy-MM-dd");
      }
    }
    return new Commitment(owner, p.what().strip(), due);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static List<String> clean(List<String> texts) {
    return nonNull(texts).stream().filter(t -> t != null && !t.isBlank()).map(String::strip).toList();
  }
}
