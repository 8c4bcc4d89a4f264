package dev.kizuna.summarizer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kizuna.summarizer.Commitment;
import dev.kizuna.summarizer.QualitySet;
import dev.kizuna.summarizer.Speaker;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.SummaryRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM path against a local stand-in for an OpenAI-compatible server ({@code POST /v1/chat/completions})
 * that records every request and answers as each test tells it.
 */
class LlmSummarizerTest {

  static final SummaryRequest MEETING = QualitySet.load("ja-02").request();
  static Vertx vertx;

  HttpServer server;
  final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  volatile Supplier<String> answer;
  volatile long delayMs;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/chat/completions", exchange -> {
      requests.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = completion(answer.get()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException closedByClient) {
        // the client gave up after its timeout: nothing left to answer
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  Summary summarize(SummarizerOptions options) {
    try (Summarizer summarizer = Summarizer.create(vertx, options)) {
      return summarizer.summarize(MEETING).await();
    }
  }

  @Test
  void aValidAnswerBecomesTheSummaryAndThePromptCarriesAgendaTranscriptAndLanguage() {
    answer = () -> validMemo().encode();
    Summary s = summarize(SummarizerOptions.openAi(baseUrl(), "test-model", "sk-test"));

    assertThat(s.producedBy()).isEqualTo("llm:test-model");
    assertThat(s.items()).hasSize(2);
    assertThat(s.items().get(0).points()).containsExactly("四半期ごとの見直しには賛成、評価との関係は様子見");
    assertThat(s.commitments()).containsExactly(
        new Commitment(Speaker.MANAGER, "OKRと評価の関係を部長に確認してチームに共有する", LocalDate.of(2026, 11, 30)),
        new Commitment(Speaker.MEMBER, "職務の棚卸しを書き出す", null));
    assertThat(s.keepInMind().get("MANAGER")).containsExactly("公募の件は誰にも言わない");
    assertThat(s.nextTopics()).containsExactly("中村さんに聞いた話");

    assertThat(requests).hasSize(1);
    JsonObject request = requests.get(0);
    assertThat(request.getString("model")).isEqualTo("test-model");
    assertThat(request.getJsonObject("response_format").getString("type")).isEqualTo("json_schema");
    String prompt = request.getJsonArray("messages").stream()
        .map(m -> ((JsonObject) m).getString("content")).reduce("", String::concat);
    assertThat(prompt)
        .contains("Language: ja", "write in Japanese", "Meeting date: 2026-11-11")
        .contains("topic POLICY", "expectation OPINION", "来期からのOKR導入、正直どう思いますか", "topic CAREER")
        .contains("MANAGER: おつかれさまです。今日寒いね。", "MEMBER: たしかに。じゃあ今週中に、職務の棚卸しをざっと書いてみます。")
        .contains("公募：締切12/10");
  }

  @Test
  void aMalformedAnswerIsRetriedOnceThenTheEmbeddedSummariserAnswers() {
    answer = () -> "Sure! Here is the memo: OKR is fine, apply for the job.";
    Summary s = summarize(SummarizerOptions.openAi(baseUrl(), "test-model", null));

    assertThat(requests).hasSize(2);
    assertThat(s.producedBy()).isEqualTo("embedded");
    assertThat(s.items()).allSatisfy(i -> assertThat(i.points()).isNotEmpty());
  }

  @Test
  void aPromiseOwnedByNeitherSideIsMalformed() {
    JsonObject memo = validMemo();
    memo.getJsonArray("promises").getJsonObject(0).put("owner", "TEAM");
    answer = memo::encode;
    Summary s = summarize(SummarizerOptions.openAi(baseUrl(), "test-model", null));

    assertThat(requests).hasSize(2);
    assertThat(s.producedBy()).isEqualTo("embedded");
  }

  @Test
  void aSlowAnswerTimesOutTwiceThenTheEmbeddedSummariserAnswers() {
    answer = () -> validMemo().encode();
    delayMs = 3_000;
    long t0 = System.nanoTime();
    Summary s = summarize(SummarizerOptions.openAi(baseUrl(), "test-model", null).withTimeout(Duration.ofMillis(500)));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(requests).hasSize(2);
    assertThat(s.producedBy()).isEqualTo("embedded");
    assertThat(ms).as("two timeouts and the embedded path, not the slow answer").isLessThan(2_900);
  }

  @Test
  void ollamaIsReachedThroughItsOpenAiCompatibleEndpoint() {
    answer = () -> validMemo().encode();
    Summary s = summarize(SummarizerOptions.ollama(baseUrl(), "qwen2.5:7b"));

    assertThat(s.producedBy()).isEqualTo("llm:qwen2.5:7b");
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getString("model")).isEqualTo("qwen2.5:7b");
  }

  static JsonObject validMemo() {
    return new JsonObject()
        .put("items", new JsonArray()
            .add(new JsonObject().put("agendaIndex", 0).put("points", new JsonArray().add("四半期ごとの見直しには賛成、評価との関係は様子見")))
            .add(new JsonObject().put("agendaIndex", 1).put("points", new JsonArray().add("企画部の公募（締切12/10）に応募するか、中村さんに話を聞いて決める"))))
        .put("promises", new JsonArray()
            .add(new JsonObject().put("owner", "MANAGER").put("what", "OKRと評価の関係を部長に確認してチームに共有する").put("due", "2026-11-30"))
            .add(new JsonObject().put("owner", "MEMBER").put("what", "職務の棚卸しを書き出す").put("due", "")))
        .put("memberKeepsInMind", new JsonArray().add("何をやりたいかで考える"))
        .put("managerKeepsInMind", new JsonArray().add("公募の件は誰にも言わない"))
        .put("nextTopics", new JsonArray().add("中村さんに聞いた話"));
  }

  static String completion(String content) {
    return new JsonObject()
        .put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 0).put("model", "test-model")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
            .put("message", new JsonObject().put("role", "assistant").put("content", content))
            .put("finish_reason", "stop")))
        .put("usage", new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20))
        .encode();
  }
}
