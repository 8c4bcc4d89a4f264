package dev.kizuna.server.health;

import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/** The public routes: health, metrics, the OpenAPI document and the browser app; and router-wide errors. */
class HealthMetricsTest {

  private static final Path WEBROOT_PARENT = createWebroot();
  private static final Path WEBROOT = WEBROOT_PARENT.resolve("webroot");
  private static final String INDEX = "<!doctype html><html><body>kizuna-test-index</body></html>";
  private static final String SCRIPT = "console.log('kizuna-test-asset');";

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  @RegisterExtension
  static final KizunaNode customWebroot = new KizunaNode().with("KIZUNA_WEBROOT_DIR", WEBROOT.toString());

  private static Path createWebroot() {
    try {
      Path parent = Files.createTempDirectory("kizuna-webroot-");
      Path webroot = Files.createDirectories(parent.resolve("webroot"));
      Files.writeString(webroot.resolve("index.html"), INDEX);
      Files.createDirectories(webroot.resolve("assets"));
      Files.writeString(webroot.resolve("assets/app.js"), SCRIPT);
      Files.writeString(parent.resolve("secret.txt"), "not for the web");
      return parent;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void deleteWebroot() {
    KizunaNode.deleteRecursively(WEBROOT_PARENT);
  }

  @Test
  @DisplayName("GET /health answers 200 UP with the embedded mongo and the data folder checks UP, not cached")
  void healthIsUp() {
    HttpResponse<Buffer> response = node.anonymous().get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject health = response.bodyAsJsonObject();
    assertThat(health.getString("status")).isEqualTo("UP");
    JsonObject mongo = check(health, "mongo");
    assertThat(mongo.getString("status")).isEqualTo("UP");
    assertThat(mongo.getJsonObject("data").getBoolean("embedded")).isTrue();
    JsonObject dataDir = check(health, "dataDir");
    assertThat(dataDir.getString("status")).isEqualTo("UP");
    assertThat(Path.of(dataDir.getJsonObject("data").getString("path"))).isEqualTo(node.dataDir().toAbsolutePath());
  }

  @Test
  @DisplayName("GET /health answers 503 DOWN naming the failed check when the data folder is gone")
  void healthIsDownWithoutDataFolder() {
    try (KizunaNode doomed = new KizunaNode().start()) {
      KizunaNode.deleteRecursively(doomed.dataDir());

      HttpResponse<Buffer> response = doomed.anonymous().get("/health");

      assertThat(response.statusCode()).isEqualTo(503);
      JsonObject health = response.bodyAsJsonObject();
      assertThat(health.getString("status")).isEqualTo("DOWN");
      assertThat(check(health, "dataDir").getString("status")).isEqualTo("DOWN");
      assertThat(check(health, "dataDir").getJsonObject("data").getString("error")).contains("not a writable folder");
      assertThat(check(health, "mongo").getString("status")).isEqualTo("UP");
    }
  }

  private static JsonObject check(JsonObject health, String id) {
    JsonArray checks = health.getJsonArray("checks");
    return checks.stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + health));
  }

  @Test
  @DisplayName("GET /metrics serves Prometheus text with Vert.x HTTP server metrics, without a session")
  void metricsArePrometheusText() {
    node.anonymous().get("/health");

    HttpResponse<Buffer> response = node.anonymous().get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString())
        .contains("vertx_http_server_requests_total")
        .containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*method=\"GET\"")
        .contains("# TYPE kizuna_login_failures_total counter");
  }

  @Test
  @DisplayName("two nodes in one JVM each count their own HTTP requests in their own /metrics")
  void metricsArePerNode() {
    assertThat(node.anonymous().get("/health").statusCode()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(customWebroot.anonymous().send(HttpMethod.PATCH, "/patched-" + i, null).statusCode()).isBetween(400, 499);
    }

    assertThat(customWebroot.anonymous().get("/metrics").bodyAsString())
        .containsPattern("vertx_http_server_requests_total\\{[^}]*method=\"PATCH\"");
    assertThat(node.anonymous().get("/metrics").bodyAsString())
        .contains("vertx_http_server_requests_total")
        .doesNotContain("method=\"PATCH\"");
  }

  @Test
  @DisplayName("every refused login counts in kizuna_login_failures_total")
  void failedLoginsAreCounted() {
    double before = loginFailures();

    node.anonymous().tryLogin(KizunaNode.uniqueEmail("intruder"), "guess");
    node.anonymous().tryLogin(KizunaNode.ADMIN_EMAIL, "wrong admin password");

    assertThat(loginFailures()).isEqualTo(before + 2);
  }

  private static double loginFailures() {
    String metrics = node.anonymous().get("/metrics").bodyAsString();
    Matcher m = Pattern.compile("(?m)^kizuna_login_failures_total(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
    assertThat(m.find()).as("kizuna_login_failures_total in\n%s", metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  @DisplayName("GET /openapi.yaml serves the contract as YAML with every operationId, without a session")
  @SuppressWarnings("unchecked")
  void openApiIsServed() {
    HttpResponse<Buffer> response = node.anonymous().get("/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    Map<String, Object> contract = new Yaml().load(response.bodyAsString());
    assertThat(contract.get("openapi")).isEqualTo("3.1.0");
    List<Object> operationIds = new ArrayList<>();
    ((Map<String, Map<String, Object>>) contract.get("paths")).values().forEach(ops -> ops.values().forEach(op -> {
      if (op instanceof Map<?, ?> operation && operation.get("operationId") != null) {
        operationIds.add(operation.get("operationId"));
      }
    }));
    assertThat(operationIds).containsExactlyInAnyOrder("login", "logout", "issueToken", "me", "createUser", "createPair", "listPairs",
        "createMeeting", "listMeetings", "getMeeting", "putAgenda", "putGuests", "getMemo", "getTranscript", "endMeeting", "getPrep",
        "listHints", "createHint", "updateHint", "markHintHelpful", "regenerateSummary", "acceptSummary", "listCarriedOver",
        "updatePromise", "listPulseQuestions", "putPulseQuestions", "submitPulse", "myPulse", "pulseAggregate",
        "adminAnalytics", "createShare", "listShares", "createEscalation", "readShare", "revokeShare", "listSharedWithMe",
        "listNotifications", "markNotificationRead", "listShareRules", "putShareRule", "deleteShareRule", "handOverPair",
        "submitFeedback", "getFeedbackStatus", "createReflection", "getReflection", "listMyReflections",
        "getMyInsights", "getHintWords");
  }

  @Test
  @DisplayName("the browser app's routes answer the jar's index.html as text/html, not cached")
  void browserAppFromTheJar() throws IOException {
    Optional<String> index = classpathIndex();
    assumeTrue(index.isPresent(), "the web client was not built into webroot/ on this classpath");

    for (String path : List.of("/", "/login", "/meetings/abc", "/meetings/abc/room", "/insights", "/admin/analytics")) {
      HttpResponse<Buffer> response = node.anonymous().get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).as(path).startsWith("text/html");
      assertThat(response.getHeader("Cache-Control")).as(path).isEqualTo("no-cache");
      assertThat(response.bodyAsString()).as(path).isEqualTo(index.get());
    }
  }

  private static Optional<String> classpathIndex() throws IOException {
    try (InputStream in = HealthMetricsTest.class.getClassLoader().getResourceAsStream("webroot/index.html")) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("with KIZUNA_WEBROOT_DIR the app's routes answer that folder's index.html and its assets")
  void browserAppFromWebrootDir() {
    Api browser = customWebroot.anonymous();

    for (String path : List.of("/", "/login", "/meetings/abc", "/meetings/abc/room")) {
      HttpResponse<Buffer> response = browser.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).as(path).startsWith("text/html");
      assertThat(response.bodyAsString()).as(path).isEqualTo(INDEX);
    }
    HttpResponse<Buffer> asset = browser.get("/assets/app.js");
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.bodyAsString()).isEqualTo(SCRIPT);
    assertThat(asset.getHeader("Content-Type")).contains("javascript");
  }

  @Test
  @DisplayName("files outside the webroot folder and missing assets are not served")
  void nothingOutsideTheWebroot() {
    Api browser = customWebroot.anonymous();

    assertThat(browser.get("/assets/missing.js").statusCode()).isEqualTo(404);
    for (String path : List.of("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt")) {
      HttpResponse<Buffer> response = browser.get(path);
      assertThat(response.statusCode()).as(path).isNotEqualTo(200);
      assertThat(String.valueOf(response.bodyAsString())).as(path).doesNotContain("not for the web");
    }
  }

  @Test
  @DisplayName("an /api path that is no route answers 404 problem+json to a logged-in user")
  void unknownApiRouteIsNotFound() {
    assertProblem(node.admin().get("/api/nothing-here"), 404);
  }

  @Test
  @DisplayName("a request body over 64 KiB is refused with 413 problem+json")
  void oversizedBodyIsRefused() {
    String huge = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}";

    assertProblem(node.anonymous().post("/api/session", huge), 413);
  }
}
