package dev.kizuna.server.config;

import dev.kizuna.server.media.MediaMode;
import dev.kizuna.server.media.MediaSettings;
import dev.kizuna.signaling.IceServers;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.transcription.ModelDownload;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kizuna's settings, read from one flat JSON object whose keys are the environment variable
 * names of {@code reference.yaml} (which documents every key and its default).
 *
 * @param httpHost interface to listen on
 * @param httpPort HTTP and WebSocket port; 0 picks a free one
 * @param dataDir embedded database and caches
 * @param adminEmail first-start admin e-mail, if set
 * @param adminPassword first-start admin password, if set
 * @param mongoUrl MongoDB connection string, or empty for the embedded server
 * @param mongoDatabase database name
 * @param redisUrl Redis shared by the nodes of a deployment (rooms, sessions, memo fan-out), or
 *     empty for one node on its own
 * @param redisKeyPrefix prefix of every Redis key and channel; the same on every node
 * @param iceServers STUN and TURN for browsers
 * @param secureCookies whether the session cookie is marked Secure
 * @param sessionTimeout idle session lifetime
 * @param passwordIterations PBKDF2 iterations for new hashes
 * @param webrootDir folder to serve the browser app from instead of the classpath
 * @param demoPassword password of the --demo accounts, if fixed
 * @param httpInstances HTTP verticle instances
 * @param transcription models, workers and retention of live transcription
 * @param summarizer how meeting summaries are made: the embedded summariser, or an LLM with it as fallback
 * @param feedbackReleaseInterval how often pending feedback answers are checked for release into the aggregates
 * @param publicUrl this server's address as people reach it, for links in e-mails
 * @param shareGuessesPerMinute wrong share tokens one client address may try per minute
 * @param mail SMTP settings for e-mail to HR
 * @param media peer-to-peer or Jitsi Videobridge media, and the bridge
 */
public record KizunaConfig(
    String httpHost,
    int httpPort,
    Path dataDir,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    Optional<String> mongoUrl,
    String mongoDatabase,
    Optional<String> redisUrl,
    String redisKeyPrefix,
    IceServers iceServers,
    boolean secureCookies,
    Duration sessionTimeout,
    int passwordIterations,
    Optional<Path> webrootDir,
    Optional<String> demoPassword,
    int httpInstances,
    TranscriptionSettings transcription,
    SummarizerOptions summarizer,
    Duration feedbackReleaseInterval,
    String publicUrl,
    int shareGuessesPerMinute,
    MailSettings mail,
    MediaSettings media) {

  /**
   * Reads the settings from {@code json}, whose missing keys were already filled from
   * {@code reference.yaml}.
   *
   * @throws IllegalArgumentException if a value has the wrong form
   */
  public static KizunaConfig from(JsonObject json) {
    int instances = intValue(json, "KIZUNA_HTTP_INSTANCES", 0, Integer.MAX_VALUE);
    return new KizunaConfig(
        string(json, "KIZUNA_HTTP_HOST").orElse("0.0.0.0"),
        intValue(json, "KIZUNA_HTTP_PORT", 0, 65_535),
        Path.of(string(json, "KIZUNA_DATA_DIR").orElse("./data")),
        string(json, "KIZUNA_ADMIN_EMAIL"),
        string(json, "KIZUNA_ADMIN_PASSWORD"),
        string(json, "MONGO_URL"),
        string(json, "KIZUNA_MONGO_DATABASE").orElse("kizuna"),
        redisUrl(json),
        string(json, "KIZUNA_REDIS_KEY_PREFIX").orElse("kizuna"),
        new IceServers(
            list(json, "KIZUNA_STUN_URLS"),
            list(json, "KIZUNA_TURN_URLS"),
            string(json, "KIZUNA_TURN_SECRET").orElse(null),
            Duration.ofSeconds(intValue(json, "KIZUNA_TURN_TTL_SECONDS", 1, Integer.MAX_VALUE))),
        booleanValue(json, "KIZUNA_SECURE_COOKIES"),
        Duration.ofMinutes(intValue(json, "KIZUNA_SESSION_TIMEOUT_MINUTES", 1, Integer.MAX_VALUE)),
        intValue(json, "KIZUNA_PASSWORD_ITERATIONS", 1, Integer.MAX_VALUE),
        string(json, "KIZUNA_WEBROOT_DIR").map(Path::of),
        string(json, "KIZUNA_DEMO_PASSWORD"),
        instances > 0 ? instances : Runtime.getRuntime().availableProcessors(),
        transcription(json),
        summarizer(json),
        Duration.ofMillis(intValue(json, "KIZUNA_FEEDBACK_RELEASE_INTERVAL_MS", 100, Integer.MAX_VALUE)),
        string(json, "KIZUNA_PUBLIC_URL").orElse("http://localhost:8080").replaceAll("/+$", ""),
        intValue(json, "KIZUNA_SHARE_GUESSES_PER_MINUTE", 1, 100_000),
        mail(json),
        media(json));
  }

  private static MailSettings mail(JsonObject json) {
    return new MailSettings(
        string(json, "SMTP_HOST"),
        intValue(json, "SMTP_PORT", 1, 65_535),
        string(json, "SMTP_FROM").orElse("kizuna@localhost"),
        string(json, "SMTP_USERNAME"),
        string(json, "SMTP_PASSWORD"),
        booleanValue(json, "SMTP_STARTTLS"));
  }

  /**
   * {@code KIZUNA_MEDIA_MODE} (or, when that is empty, {@code MEDIA_MODE}; default {@code p2p}),
   * {@code KIZUNA_JVB_URL}, {@code KIZUNA_JVB_TIMEOUT_SECONDS}.
   */
  private static MediaSettings media(JsonObject json) {
    MediaMode mode = MediaMode.parse(string(json, "KIZUNA_MEDIA_MODE").or(() -> string(json, "MEDIA_MODE")).orElse("p2p"));
    Optional<URI> url;
    try {
      url = string(json, "KIZUNA_JVB_URL").map(URI::create);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("KIZUNA_JVB_URL is not a URL: " + e.getMessage());
    }
    return new MediaSettings(mode, url, Duration.ofSeconds(intValue(json, "KIZUNA_JVB_TIMEOUT_SECONDS", 1, 600)));
  }

  /**
   * {@code LLM_PROVIDER} {@code none} (or empty), {@code openai} or {@code ollama}; an LLM needs
   * {@code LLM_BASE_URL} (http or https) and {@code LLM_MODEL}. Checked here so that a typo stops the
   * start instead of silently summarising without the model.
   */
  private static SummarizerOptions summarizer(JsonObject json) {
    String name = string(json, "LLM_PROVIDER").orElse("none").toUpperCase(Locale.ROOT);
    SummarizerOptions.Provider provider;
    try {
      provider = SummarizerOptions.Provider.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LLM_PROVIDER must be none, openai or ollama, got '"
          + string(json, "LLM_PROVIDER").orElse("") + "'");
    }
    Duration timeout = Duration.ofSeconds(intValue(json, "LLM_TIMEOUT_SECONDS", 1, 3_600));
    if (provider == SummarizerOptions.Provider.NONE) {
      return SummarizerOptions.embedded().withTimeout(timeout);
    }
    String baseUrl = string(json, "LLM_BASE_URL").orElseThrow(() -> new IllegalArgumentException(
        "LLM_PROVIDER " + name.toLowerCase(Locale.ROOT) + " needs LLM_BASE_URL"));
    String scheme;
    try {
      scheme = URI.create(baseUrl).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("LLM_BASE_URL must be an http or https URL, got '" + baseUrl + "'");
    }
    String model = string(json, "LLM_MODEL").orElseThrow(() -> new IllegalArgumentException(
        "LLM_PROVIDER " + name.toLowerCase(Locale.ROOT) + " needs LLM_MODEL"));
    return new SummarizerOptions(provider, baseUrl, model, string(json, "LLM_API_KEY").orElse(null), timeout,
        SummarizerOptions.embedded().workerPoolSize());
  }

  /** {@code REDIS_URL} must be a {@code redis://} or {@code rediss://} URL, so a typo stops the start. */
  private static Optional<String> redisUrl(JsonObject json) {
    Optional<String> url = string(json, "REDIS_URL");
    url.ifPresent(u -> {
      if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
        throw new IllegalArgumentException("REDIS_URL must be a redis:// or rediss:// URL, got '" + u + "'");
      }
    });
    return url;
  }

  private static TranscriptionSettings transcription(JsonObject json) {
    Map<String, Path> modelDirs = new TreeMap<>();
    for (String key : json.fieldNames()) {
      Matcher m = MODEL_KEY.matcher(key);
      if (m.matches()) {
        string(json, key).ifPresent(dir -> modelDirs.put(m.group(1).toLowerCase(Locale.ROOT), Path.of(dir)));
      }
    }
    Map<String, ModelDownload> downloads = new TreeMap<>();
    for (String key : json.fieldNames()) {
      Matcher m = MODEL_URL_KEY.matcher(key);
      if (m.matches()) {
        String language = m.group(1);
        string(json, key).ifPresent(url -> downloads.put(language.toLowerCase(Locale.ROOT),
            modelDownload(key, url, string(json, "KIZUNA_VOSK_MODEL_CHECKSUM_" + language))));
      }
    }
    int workers = intValue(json, "KIZUNA_TRANSCRIPTION_WORKERS", 0, 256);
    return new TranscriptionSettings(modelDirs, downloads,
        workers > 0 ? workers : Runtime.getRuntime().availableProcessors(),
        Duration.ofDays(intValue(json, "KIZUNA_TRANSCRIPT_RETENTION_DAYS", 1, 36_500)));
  }

  /** {@code KIZUNA_VOSK_MODEL_<LANGUAGE>}, e.g. {@code KIZUNA_VOSK_MODEL_JA}. */
  private static final Pattern MODEL_KEY = Pattern.compile("KIZUNA_VOSK_MODEL_([A-Z]{2,3})");

  /** {@code KIZUNA_VOSK_MODEL_URL_<LANGUAGE>}, paired with {@code KIZUNA_VOSK_MODEL_CHECKSUM_<LANGUAGE>}. */
  private static final Pattern MODEL_URL_KEY = Pattern.compile("KIZUNA_VOSK_MODEL_URL_([A-Z]{2,3})");

  /** A download needs its checksum as {@code <algorithm>:<hex>}, e.g. {@code sha-256:9f86...}. */
  private static ModelDownload modelDownload(String key, String url, Optional<String> checksum) {
    String checksumKey = key.replace("_URL_", "_CHECKSUM_");
    String value = checksum.orElseThrow(() -> new IllegalArgumentException(
        key + " needs " + checksumKey + " (<algorithm>:<hex>, e.g. sha-256:...)"));
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(checksumKey + " must be <algorithm>:<hex>, got '" + value + "'");
    }
    try {
      return new ModelDownload(URI.create(url), value.substring(0, colon).toUpperCase(Locale.ROOT),
          value.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /** Environment values arrive as strings, YAML values as typed scalars: accept both. */
  private static Optional<String> string(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static int intValue(JsonObject json, String key, int min, int max) {
    String text = string(json, key).orElseThrow(() -> new IllegalArgumentException(key + " is not set"));
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be from " + min + " to " + max + ", got '" + text + "'");
    }
    return value;
  }

  /** {@code true} or {@code false} in any case; anything else is a mistake, not a silent false. */
  private static boolean booleanValue(JsonObject json, String key) {
    String text = string(json, key).orElse("false");
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  private static List<String> list(JsonObject json, String key) {
    return string(json, key)
        .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
        .orElse(List.of());
  }
}
