package dev.kizuna.server.config;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kizuna.server.media.MediaMode;
import dev.kizuna.server.media.MediaSettings;
import dev.kizuna.server.testing.ReferenceSettings;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.transcription.ModelDownload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KizunaConfig#from} and {@link ConfigLoader}: defaults, forms of values, and errors that name the key. */
class ConfigTest {

  private static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  /** The defaults as the loader reads them: reference.yaml from the classpath, typed YAML scalars. */
  private static JsonObject reference() {
    return ReferenceSettings.defaults();
  }

  @Test
  @DisplayName("reference.yaml alone gives the documented defaults")
  void referenceDefaults() {
    KizunaConfig config = KizunaConfig.from(reference());

    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.adminEmail()).isEmpty();
    assertThat(config.adminPassword()).isEmpty();
    assertThat(config.mongoUrl()).isEmpty();
    assertThat(config.mongoDatabase()).isEqualTo("kizuna");
    assertThat(config.iceServers().stunUrls()).isEmpty();
    assertThat(config.iceServers().turnUrls()).isEmpty();
    assertThat(config.iceServers().turnSecret()).isNull();
    assertThat(config.iceServers().credentialTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(config.secureCookies()).isFalse();
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofMinutes(720));
    assertThat(config.passwordIterations()).isEqualTo(210_000);
    assertThat(config.webrootDir()).isEmpty();
    assertThat(config.demoPassword()).isEmpty();
    assertThat(config.httpInstances()).as("0 means one per core").isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.summarizer().provider()).isEqualTo(SummarizerOptions.Provider.NONE);
    assertThat(config.summarizer().timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.shareGuessesPerMinute()).isEqualTo(20);
    assertThat(config.mail().enabled()).as("no SMTP_HOST: e-mail off").isFalse();
    assertThat(config.mail().port()).isEqualTo(587);
    assertThat(config.mail().startTls()).isTrue();
  }

  @Test
  @DisplayName("SMTP settings: a host turns e-mail on; a bad port or STARTTLS value stops the start")
  void smtpSettings() {
    KizunaConfig config = KizunaConfig.from(reference().put("SMTP_HOST", "smtp.example.test").put("SMTP_PORT", "2525")
        .put("SMTP_USERNAME", "kizuna").put("SMTP_STARTTLS", "false").put("KIZUNA_PUBLIC_URL", "https://k.example.test/"));
    assertThat(config.mail().enabled()).isTrue();
    assertThat(config.mail().host()).contains("smtp.example.test");
    assertThat(config.mail().port()).isEqualTo(2525);
    assertThat(config.mail().username()).contains("kizuna");
    assertThat(config.mail().startTls()).isFalse();
    assertThat(config.publicUrl()).as("no trailing slash").isEqualTo("https://k.example.test");
    assertThatThrownBy(() -> KizunaConfig.from(reference().put("SMTP_PORT", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SMTP_PORT");
    assertThatThrownBy(() -> KizunaConfig.from(reference().put("SMTP_STARTTLS", "maybe")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SMTP_STARTTLS");
  }

  @Test
  @DisplayName("an LLM summariser: provider in any case, base URL, model, key and timeout; none needs nothing")
  void llmSettings() {
    SummarizerOptions ollama = KizunaConfig.from(reference().put("LLM_PROVIDER", "Ollama")
        .put("LLM_BASE_URL", "http://localhost:11434/v1").put("LLM_MODEL", "qwen2.5:7b")
        .put("LLM_TIMEOUT_SECONDS", 30)).summarizer();
    assertThat(ollama.provider()).isEqualTo(SummarizerOptions.Provider.OLLAMA);
    assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(ollama.model()).isEqualTo("qwen2.5:7b");
    assertThat(ollama.apiKey()).isNull();
    assertThat(ollama.timeout()).isEqualTo(Duration.ofSeconds(30));

    SummarizerOptions openAi = KizunaConfig.from(reference().put("LLM_PROVIDER", "openai")
        .put("LLM_BASE_URL", "https://api.openai.com/v1").put("LLM_MODEL", "gpt-4o-mini").put("LLM_API_KEY", "sk-x"))
        .summarizer();
    assertThat(openAi.provider()).isEqualTo(SummarizerOptions.Provider.OPENAI);
    assertThat(openAi.apiKey()).isEqualTo("sk-x");

    assertThat(KizunaConfig.from(reference().put("LLM_PROVIDER", "").put("LLM_MODEL", "ignored")).summarizer().provider())
        .as("blank means the embedded summariser").isEqualTo(SummarizerOptions.Provider.NONE);
  }

  @Test
  @DisplayName("media: p2p by default; KIZUNA_MEDIA_MODE, else MEDIA_MODE, in any case; the bridge URL and timeout")
  void mediaSettings() {
    MediaSettings defaults = KizunaConfig.from(reference()).media();
    assertThat(defaults.mode()).isEqualTo(MediaMode.P2P);
    assertThat(defaults.jvbUrl()).isEmpty();
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));

    MediaSettings auto = KizunaConfig.from(reference().put("MEDIA_MODE", "Auto").put("KIZUNA_JVB_URL", "http://jvb:8080")
        .put("KIZUNA_JVB_TIMEOUT_SECONDS", 2)).media();
    assertThat(auto.mode()).isEqualTo(MediaMode.AUTO);
    assertThat(auto.jvbUrl()).contains(URI.create("http://jvb:8080"));
    assertThat(auto.timeout()).isEqualTo(Duration.ofSeconds(2));

    assertThat(KizunaConfig.from(reference().put("MEDIA_MODE", "auto").put("KIZUNA_MEDIA_MODE", "bridge")
        .put("KIZUNA_JVB_URL", "https://jvb.example")).media().mode()).isEqualTo(MediaMode.BRIDGE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "KIZUNA_MEDIA_MODE=sfu|KIZUNA_MEDIA_MODE",
      "KIZUNA_MEDIA_MODE=bridge|KIZUNA_JVB_URL",
      "KIZUNA_MEDIA_MODE=auto,KIZUNA_JVB_URL=jvb:8080|KIZUNA_JVB_URL",
      "KIZUNA_JVB_TIMEOUT_SECONDS=0|KIZUNA_JVB_TIMEOUT_SECONDS"
  })
  @DisplayName("a malformed or incomplete media setting fails naming the key")
  void badMediaSettingNamesTheKey(String settings, String key) {
    badLlmSettingNamesTheKey(settings, key);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "LLM_PROVIDER=claude|LLM_PROVIDER",
      "LLM_PROVIDER=openai,LLM_MODEL=m|LLM_BASE_URL",
      "LLM_PROVIDER=ollama,LLM_BASE_URL=http://h:11434/v1|LLM_MODEL",
      "LLM_PROVIDER=openai,LLM_BASE_URL=ftp://h/v1,LLM_MODEL=m|LLM_BASE_URL",
      "LLM_PROVIDER=openai,LLM_BASE_URL=http://h/v1,LLM_MODEL=m,LLM_TIMEOUT_SECONDS=0|LLM_TIMEOUT_SECONDS"
  })
  @DisplayName("a malformed or incomplete LLM setting fails naming the key")
  void badLlmSettingNamesTheKey(String settings, String key) {
    JsonObject json = reference();
    for (String setting : settings.split(",")) {
      String[] kv = setting.split("=", 2);
      json.put(kv[0], kv[1]);
    }
    assertThatThrownBy(() -> KizunaConfig.from(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key);
  }

  @Test
  @DisplayName("URL lists are split on commas, trimmed, and empty entries dropped")
  void listsSplitOnCommas() {
    JsonObject json = reference()
        .put("KIZUNA_STUN_URLS", " stun:a.test:3478 ,stun:b.test:3478,, ")
        .put("KIZUNA_TURN_URLS", "turn:t.test:3478?transport=udp")
        .put("KIZUNA_TURN_SECRET", "s3cret");

    KizunaConfig config = KizunaConfig.from(json);

    assertThat(config.iceServers().stunUrls()).containsExactly("stun:a.test:3478", "stun:b.test:3478");
    assertThat(config.iceServers().turnUrls()).containsExactly("turn:t.test:3478?transport=udp");
    assertThat(config.iceServers().turnSecret()).isEqualTo("s3cret");
  }

  @Test
  @DisplayName("environment-style strings and typed YAML scalars are read alike; blank strings count as unset")
  void stringsAndScalars() {
    JsonObject strings = reference()
        .put("KIZUNA_HTTP_PORT", " 9090 ")
        .put("KIZUNA_SECURE_COOKIES", "TRUE")
        .put("KIZUNA_SESSION_TIMEOUT_MINUTES", "30")
        .put("KIZUNA_ADMIN_EMAIL", "   ")
        .put("KIZUNA_HTTP_INSTANCES", "3")
        .put("KIZUNA_WEBROOT_DIR", "/srv/kizuna/web")
        .put("MONGO_URL", "mongodb://db.test:27017/?w=majority");
    JsonObject scalars = reference()
        .put("KIZUNA_HTTP_PORT", 9090)
        .put("KIZUNA_SECURE_COOKIES", true)
        .put("KIZUNA_SESSION_TIMEOUT_MINUTES", 30)
        .put("KIZUNA_HTTP_INSTANCES", 3)
        .put("KIZUNA_WEBROOT_DIR", "/srv/kizuna/web")
        .put("MONGO_URL", "mongodb://db.test:27017/?w=majority");

    for (KizunaConfig config : List.of(KizunaConfig.from(strings), KizunaConfig.from(scalars))) {
      assertThat(config.httpPort()).isEqualTo(9090);
      assertThat(config.secureCookies()).isTrue();
      assertThat(config.sessionTimeout()).isEqualTo(Duration.ofMinutes(30));
      assertThat(config.adminEmail()).isEmpty();
      assertThat(config.httpInstances()).isEqualTo(3);
      assertThat(config.webrootDir()).contains(Path.of("/srv/kizuna/web"));
      assertThat(config.mongoUrl()).contains("mongodb://db.test:27017/?w=majority");
    }
  }

  @Test
  @DisplayName("REDIS_URL: unset means one node on its own; a redis:// URL is kept with the key prefix; anything else stops the start")
  void redisUrl() {
    KizunaConfig single = KizunaConfig.from(reference());
    assertThat(single.redisUrl()).isEmpty();
    assertThat(single.redisKeyPrefix()).isEqualTo("kizuna");

    KizunaConfig shared = KizunaConfig.from(reference().put("REDIS_URL", "redis://cache.test:6379/0")
        .put("KIZUNA_REDIS_KEY_PREFIX", "acme"));
    assertThat(shared.redisUrl()).contains("redis://cache.test:6379/0");
    assertThat(shared.redisKeyPrefix()).isEqualTo("acme");

    assertThatThrownBy(() -> KizunaConfig.from(reference().put("REDIS_URL", "cache.test:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("cache.test:6379");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"KIZUNA_HTTP_PORT", "KIZUNA_TURN_TTL_SECONDS", "KIZUNA_SESSION_TIMEOUT_MINUTES",
      "KIZUNA_PASSWORD_ITERATIONS", "KIZUNA_HTTP_INSTANCES"})
  @DisplayName("an integer setting that is not an integer fails with IllegalArgumentException naming the key and the value")
  void badIntegerNamesTheKey(String key) {
    assertThatThrownBy(() -> KizunaConfig.from(reference().put(key, "12x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("12x");
  }

  @Test
  @DisplayName("a missing integer setting fails with IllegalArgumentException naming the key")
  void missingIntegerNamesTheKey() {
    JsonObject json = reference();
    json.remove("KIZUNA_PASSWORD_ITERATIONS");

    assertThatThrownBy(() -> KizunaConfig.from(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KIZUNA_PASSWORD_ITERATIONS");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "KIZUNA_HTTP_PORT, -1",
      "KIZUNA_HTTP_PORT, 65536",
      "KIZUNA_TURN_TTL_SECONDS, 0",
      "KIZUNA_SESSION_TIMEOUT_MINUTES, 0",
      "KIZUNA_PASSWORD_ITERATIONS, 0",
      "KIZUNA_HTTP_INSTANCES, -2"
  })
  @DisplayName("an integer setting out of its range fails with IllegalArgumentException naming the key")
  void outOfRangeIntegerNamesTheKey(String key, String value) {
    assertThatThrownBy(() -> KizunaConfig.from(reference().put(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value);
  }

  @Test
  @DisplayName("a model download per language: URL plus <algorithm>:<hex> checksum; model folders per language")
  void modelDownloadsAndFolders() {
    KizunaConfig config = KizunaConfig.from(reference()
        .put("KIZUNA_VOSK_MODEL_URL_JA", "http://mirror.test/models/vosk-model-small-ja-0.22.zip")
        .put("KIZUNA_VOSK_MODEL_CHECKSUM_JA", "sha-256:" + "AB".repeat(32))
        .put("KIZUNA_VOSK_MODEL_EN", "/srv/models/en"));

    ModelDownload ja = config.transcription().downloads().get("ja");
    assertThat(ja.url()).hasToString("http://mirror.test/models/vosk-model-small-ja-0.22.zip");
    assertThat(ja.checksumAlgorithm()).isEqualTo("SHA-256");
    assertThat(ja.checksum()).isEqualTo("ab".repeat(32));
    assertThat(config.transcription().modelDirs()).containsOnly(Map.entry("en", Path.of("/srv/models/en")));
    assertThat(KizunaConfig.from(reference()).transcription().downloads()).as("none by default").isEmpty();
  }

  @ParameterizedTest(name = "checksum ''{0}''")
  @ValueSource(strings = {"", "0e3163dd62dfb0d823353718ac3cbf79", "md5:not-hex", "crc99:abcd"})
  @DisplayName("a model download without a well-formed checksum fails naming the key")
  void modelDownloadNeedsAChecksum(String checksum) {
    JsonObject json = reference().put("KIZUNA_VOSK_MODEL_URL_JA", "http://mirror.test/vosk-model-small-ja-0.22.zip")
        .put("KIZUNA_VOSK_MODEL_CHECKSUM_JA", checksum);

    assertThatThrownBy(() -> KizunaConfig.from(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KIZUNA_VOSK_MODEL_");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"yes", "1", "on", "ture"})
  @DisplayName("a boolean setting other than true or false fails naming the key, rather than silently meaning false")
  void badBooleanNamesTheKey(String value) {
    assertThatThrownBy(() -> KizunaConfig.from(reference().put("KIZUNA_SECURE_COOKIES", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KIZUNA_SECURE_COOKIES")
        .hasMessageContaining(value);
  }

  @Test
  @DisplayName("the loader reads reference.yaml and lets its overrides win")
  void loaderAppliesOverrides() {
    assumeTrue(System.getenv("KIZUNA_MONGO_DATABASE") == null, "KIZUNA_MONGO_DATABASE is set in the environment");

    KizunaConfig config = await(ConfigLoader.load(vertx, Map.of(
        "KIZUNA_HTTP_PORT", "18080",
        "KIZUNA_STUN_URLS", "stun:x.test:3478,stun:y.test:3478",
        "KIZUNA_ADMIN_EMAIL", "boss@kizuna.test")));

    assertThat(config.httpPort()).isEqualTo(18080);
    assertThat(config.iceServers().stunUrls()).containsExactly("stun:x.test:3478", "stun:y.test:3478");
    assertThat(config.adminEmail()).contains("boss@kizuna.test");
    assertThat(config.mongoDatabase()).as("from reference.yaml").isEqualTo("kizuna");
  }

  @Test
  @DisplayName("the loader fails with IllegalArgumentException naming the key of a malformed value")
  void loaderFailsOnAMalformedValue() {
    Future<KizunaConfig> loaded = ConfigLoader.load(vertx, Map.of("KIZUNA_SESSION_TIMEOUT_MINUTES", "forever"));

    assertThatThrownBy(() -> await(loaded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KIZUNA_SESSION_TIMEOUT_MINUTES");
    assertThat(Optional.ofNullable(loaded.cause())).containsInstanceOf(IllegalArgumentException.class);
  }
}
