package dev.kizuna.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import dev.kizuna.server.config.KizunaConfig;
import dev.kizuna.server.testing.ReferenceSettings;
import dev.kizuna.summarizer.SummarizerOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The production files of {@code docker/} hold together: the compose file has every service of
 * issue 7, the app nodes set only settings the server reads and the server accepts them, and
 * the services agree on hosts, the replica set, the TURN secret and the Redis password. No Docker
 * engine runs here: this checks the files, not the images.
 */
class ComposeFileTest {

  private final ComposeFile compose = ComposeFile.withExampleEnv();

  @Test
  @DisplayName("every service the issue names is there, Ollama only under the llm profile")
  void servicesOfTheIssue() {
    assertThat(compose.services()).contains("proxy", "kizuna-1", "kizuna-2", "mongo-1", "mongo-2", "mongo-3",
        "mongo-init", "redis", "jvb", "coturn", "ollama");
    assertThat(compose.servicesInProfile("llm")).containsExactly("ollama");
    assertThat(compose.service("proxy").get("image")).asString().startsWith("caddy:");
    assertThat(compose.service("jvb").get("image")).asString().startsWith("jitsi/jvb:");
    assertThat(compose.environment("jvb")).containsEntry("COLIBRI_REST_ENABLED", "true");
    for (String node : List.of("kizuna-1", "kizuna-2")) {
      assertThat(compose.service(node).get("build")).isEqualTo(Map.of("context", "..", "dockerfile", "docker/Dockerfile"));
    }
  }

  @Test
  @DisplayName("both app nodes set the same settings, each one the server reads, and the server accepts them")
  void appNodeSettings() {
    Map<String, String> env = compose.environment("kizuna-1");
    assertThat(compose.environment("kizuna-2")).isEqualTo(env);
    Set<String> known = referenceKeys();
    assertThat(env.keySet()).allSatisfy(key -> assertThat(known.contains(key))
        .as("%s is read by the server (reference.yaml)", key).isTrue());
    assertThat(env).containsKeys("MONGO_URL", "REDIS_URL", "KIZUNA_TURN_SECRET", "KIZUNA_TURN_URLS", "KIZUNA_STUN_URLS",
        "LLM_PROVIDER", "LLM_BASE_URL", "LLM_MODEL");
    assertThat(env).containsEntry("KIZUNA_MEDIA_MODE", "auto").containsEntry("KIZUNA_JVB_URL", "http://jvb:8080");

    KizunaConfig config = KizunaConfig.from(ReferenceSettings.defaults().mergeIn(new JsonObject(new HashMap<>(env))));
    assertThat(config.secureCookies()).as("TLS ends at the proxy: Secure cookies").isTrue();
    assertThat(config.mongoUrl()).isPresent();
    assertThat(config.iceServers().turnSecret()).isEqualTo(compose.interpolate("${TURN_SECRET}"));
    assertThat(config.iceServers().turnUrls()).hasSize(2).allMatch(url -> url.startsWith("turn:kizuna.example.com:3478"));
    assertThat(config.summarizer().provider()).isEqualTo(SummarizerOptions.Provider.NONE);

    // The llm profile's settings, as .env.example describes them, are accepted too.
    env.putAll(Map.of("LLM_PROVIDER", "ollama", "LLM_BASE_URL", "http://ollama:11434/v1", "LLM_MODEL", "qwen2.5:7b"));
    KizunaConfig withOllama = KizunaConfig.from(ReferenceSettings.defaults().mergeIn(new JsonObject(new HashMap<>(env))));
    assertThat(withOllama.summarizer().provider()).isEqualTo(SummarizerOptions.Provider.OLLAMA);
    assertThat(ComposeFile.read(".env.example")).contains("LLM_BASE_URL=http://ollama:11434/v1");
  }

  @Test
  @DisplayName("MONGO_URL names the three members of the replica set that mongo-init initiates")
  void mongoReplicaSet() {
    ConnectionString url = new ConnectionString(compose.environment("kizuna-1").get("MONGO_URL"));
    List<String> members = List.of("mongo-1", "mongo-2", "mongo-3");
    assertThat(url.getHosts()).containsExactlyInAnyOrderElementsOf(members.stream().map(h -> h + ":27017").toList());
    String replicaSet = url.getRequiredReplicaSetName();
    assertThat(replicaSet).isNotBlank();
    for (String member : members) {
      assertThat(compose.command(member)).containsSubsequence("--replSet", replicaSet);
    }
    String init = ComposeFile.read("mongo-init.js");
    assertThat(init).contains("_id: '" + replicaSet + "'").contains("rs.initiate");
    members.forEach(member -> assertThat(init).contains("'" + member + ":27017'"));
    assertThat(compose.command("mongo-init")).contains("/docker/mongo-init.js");
  }

  @Test
  @DisplayName("REDIS_URL reaches the redis service with the password it requires; coturn has the TURN secret")
  void secretsAgree() {
    RedisURI redis = RedisURI.create(compose.environment("kizuna-1").get("REDIS_URL"));
    assertThat(compose.services()).contains(redis.getHost());
    RedisCredentials credentials = redis.getCredentialsProvider().resolveCredentials().block();
    assertThat(compose.command(redis.getHost())).containsSubsequence("--requirepass", new String(credentials.getPassword()));

    List<String> coturn = compose.command("coturn");
    assertThat(coturn).contains("--use-auth-secret",
        "--static-auth-secret=" + compose.environment("kizuna-1").get("KIZUNA_TURN_SECRET"));
    assertThat(compose.interpolate("${TURN_SECRET}")).isNotEqualTo(compose.interpolate("${REDIS_PASSWORD}"));
  }

  @Test
  @DisplayName(".env.example sets every variable the compose file needs")
  void envExampleComplete() {
    Map<String, String> example = ComposeFile.envFile(ComposeFile.read(".env.example"));
    assertThat(compose.requiredVariables()).isNotEmpty().allSatisfy(name -> assertThat(example).containsKey(name));
  }

  @Test
  @DisplayName("the proxy balances both nodes on their HTTP port, checks /health and keeps a meeting's room sockets on one node")
  void proxy() {
    String port = compose.environment("kizuna-1").get("KIZUNA_HTTP_PORT");
    String caddyfile = ComposeFile.read("Caddyfile");
    Matcher upstreams = Pattern.compile("(?m)^\\s*reverse_proxy ([^{\\n]+)\\{").matcher(caddyfile);
    assertThat(upstreams.find()).isTrue();
    assertThat(upstreams.group(1).trim().split("\\s+")).containsExactlyInAnyOrder("kizuna-1:" + port, "kizuna-2:" + port);
    assertThat(caddyfile).contains("health_uri /health").contains("{$KIZUNA_DOMAIN}");
    assertThat(caddyfile).as("one meeting's room sockets hashed to one node").containsPattern(
        "handle /ws/rooms/\\*\\s*\\{\\s*import nodes uri_hash");
    assertThat(compose.environment("proxy")).containsKey("KIZUNA_DOMAIN");
  }

  @Test
  @DisplayName("the Dockerfile caches dependencies from the poms and runs the jar as a non-root user with a health check")
  void dockerfile() {
    String dockerfile = ComposeFile.read("Dockerfile");
    assertThat(dockerfile.indexOf("COPY pom.xml")).isPositive().isLessThan(dockerfile.indexOf("COPY . ."));
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    assertThat(runtime).startsWith("\nFROM eclipse-temurin:17-jre");
    Matcher user = Pattern.compile("\\nUSER (\\S+)").matcher(runtime);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    assertThat(runtime).containsPattern("HEALTHCHECK [^\\n]*\\n[^\\n]*http://127\\.0\\.0\\.1:8080/health");
    assertThat(runtime).contains("VOLUME [\"/var/lib/kizuna/data\"]").contains("KIZUNA_DATA_DIR=/var/lib/kizuna/data");
  }

  private static Set<String> referenceKeys() {
    return ReferenceSettings.defaults().fieldNames();
  }
}
