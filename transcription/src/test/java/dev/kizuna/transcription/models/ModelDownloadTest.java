package dev.kizuna.transcription.models;

import static dev.kizuna.transcription.Waiting.await;
import static dev.kizuna.transcription.Waiting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kizuna.transcription.ModelDownload;
import dev.kizuna.transcription.OfflineRecognition;
import dev.kizuna.transcription.PcmFeeder;
import dev.kizuna.transcription.RecordingListener;
import dev.kizuna.transcription.SpeakerStream;
import dev.kizuna.transcription.SpeechClips;
import dev.kizuna.transcription.SpeechClips.Clip;
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.Model;

/**
 * Downloading the model of a language that has none on the machine, from a local HTTP server that
 * serves a zip built here from the English model (the only one available offline) under the name of
 * a Japanese model: checksum verification, the cache, retries after a failure, unreachable servers
 * and hostile archives. Real downloads, real unpacking, real Vosk.
 */
class ModelDownloadTest {

  private static final String NAME = "vosk-model-small-ja-test";
  private static final String PATH = "/models/" + NAME + ".zip";
  private static final Clip PROVES = SpeechClips.clip("en_librispeech_2830-3980-0043.wav");

  @TempDir
  static Path files;
  static Path modelZip;
  static String modelMd5;
  static String modelSha256;
  static Vertx vertx;
  static HttpServer server;
  static ExecutorService serverThreads;
  /** What the server answers per path: a file to send; any other path is 404. */
  static final Map<String, Path> bodies = new ConcurrentHashMap<>();
  /** Requests per path, 404s included. */
  static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    modelZip = files.resolve(NAME + ".zip");
    zipFolder(SpeechClips.englishModel(), NAME, modelZip);
    modelMd5 = digest(modelZip, "MD5");
    modelSha256 = digest(modelZip, "SHA-256");
    vertx = Vertx.vertx();
    serverThreads = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Path body = bodies.get(path);
      try (exchange) {
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/zip");
        exchange.sendResponseHeaders(200, Files.size(body));
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(body, out);
        }
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
    await(vertx.close());
  }

  @Test
  @DisplayName("A language without a model downloads it once, checks its checksum, caches it, and recognises speech with it")
  void downloadsVerifiesCachesAndRecognises(@TempDir Path cache) throws Exception {
    bodies.put(PATH, modelZip);
    hits.remove(PATH);
    TranscriptionOptions options = unpaced(cache)
        .withDownload("ja", new ModelDownload(url(PATH), "MD5", modelMd5.toUpperCase()));

    Transcriber first = Transcriber.create(vertx, options);
    // concurrent requests for the language (and its regional tag) share one download
    await(Future.all(first.prepare("ja"), first.prepare("JA"), first.prepare("ja-JP")));
    assertThat(hits.get(PATH)).hasValue(1);
    Path cached = cache.resolve(NAME);
    assertThat(cached.resolve(ModelFolder.MARKER)).isRegularFile();
    assertThat(cached.resolve("am/final.mdl")).hasSameBinaryContentAs(SpeechClips.englishModel().resolve("am/final.mdl"));
    assertNoLeftovers(cache);

    RecordingListener listener = new RecordingListener();
    SpeakerStream stream = await(first.open("ja", 0, listener));
    PcmFeeder.atOnce(stream, PROVES.pcm(), 100);
    await(stream.close());
    assertThat(listener.text()).isNotBlank().isEqualTo(offlineText(PROVES));
    await(first.close());

    // a restart finds the model in the cache and does not download it again
    Transcriber second = Transcriber.create(vertx, options);
    await(second.prepare("ja"));
    assertThat(hits.get(PATH)).hasValue(1);
    await(second.close());
  }

  @Test
  @DisplayName("Two transcribers sharing a cache (two server processes) may download the same model at once: both get it, one copy is kept")
  void concurrentInstallsIntoOneCacheBothSucceed(@TempDir Path cache) throws Exception {
    String path = "/shared/" + NAME + ".zip";
    bodies.put(path, modelZip);
    hits.remove(path);
    TranscriptionOptions options = unpaced(cache).withDownload("ja", new ModelDownload(url(path), "MD5", modelMd5));
    Transcriber one = Transcriber.create(vertx, options);
    Transcriber other = Transcriber.create(vertx, options);

    // each downloads (they do not know of each other); whichever installs second finds the folder complete
    await(Future.all(one.prepare("ja"), other.prepare("ja")));
    assertThat(hits.get(path)).hasValue(2);
    assertThat(cache.resolve(NAME).resolve(ModelFolder.MARKER)).isRegularFile();
    assertNoLeftovers(cache);
    await(Future.all(one.close(), other.close()));
  }

  @Test
  @DisplayName("A download with the wrong checksum is refused with a reason, leaves nothing in the cache, and a later attempt can succeed")
  void wrongChecksumIsRefusedAndRetried(@TempDir Path cache) throws Exception {
    String path = "/tampered/" + NAME + ".zip";
    // the server first sends another file than the one whose checksum is configured
    Path other = files.resolve("other.zip");
    zipFolder(SpeechClips.englishModel().resolve("conf"), NAME, other);
    bodies.put(path, other);
    hits.remove(path);
    Transcriber transcriber = Transcriber.create(vertx, unpaced(cache)
        .withDownload("ja", new ModelDownload(url(path), "SHA-256", modelSha256)));

    Throwable refused = failure(transcriber.prepare("ja"));
    assertThat(refused).isInstanceOf(TranscriptionUnavailableException.class);
    String reason = ((TranscriptionUnavailableException) refused).reason();
    System.out.println("Wrong checksum: " + reason);
    assertThat(reason).contains("'ja'", "SHA-256 checksum", digest(other, "SHA-256"), "expected " + modelSha256);
    assertThat(cache.resolve(NAME)).doesNotExist();
    assertNoLeftovers(cache);
    assertThat(failure(transcriber.open("ja", 0, new RecordingListener())))
        .isInstanceOf(TranscriptionUnavailableException.class);
    assertThat(hits.get(path)).hasValue(2);

    // the server is fixed: the next request downloads again and succeeds
    bodies.put(path, modelZip);
    await(transcriber.prepare("ja"));
    assertThat(hits.get(path)).hasValue(3);
    assertThat(cache.resolve(NAME).resolve(ModelFolder.MARKER)).isRegularFile();
    assertNoLeftovers(cache);
    await(transcriber.close());
  }

  @Test
  @DisplayName("A missing download (HTTP 404) makes the language unavailable with a reason, while other languages keep working")
  void notFoundIsUnavailableAndOtherLanguagesWork(@TempDir Path cache) throws IOException {
    String path = "/missing/" + NAME + ".zip";
    Transcriber transcriber = Transcriber.create(vertx, unpaced(cache)
        .withDownload("ja", new ModelDownload(url(path), "MD5", modelMd5)));

    Throwable refused = failure(transcriber.open("ja", 0, new RecordingListener()));
    assertThat(refused).isInstanceOf(TranscriptionUnavailableException.class);
    String reason = ((TranscriptionUnavailableException) refused).reason();
    System.out.println("404: " + reason);
    assertThat(reason).contains("Could not download the speech model for 'ja'", url(path).toString(), "HTTP 404");
    assertThat(cache.resolve(NAME)).doesNotExist();
    assertNoLeftovers(cache);

    RecordingListener listener = new RecordingListener();
    SpeakerStream english = await(transcriber.open("en", 0, listener));
    PcmFeeder.atOnce(english, PROVES.pcm(), 100);
    await(english.close());
    assertThat(listener.text()).isNotBlank().isEqualTo(offlineText(PROVES));
    await(transcriber.close());
  }

  @Test
  @DisplayName("An unreachable download server makes the language unavailable with the connection error as the reason")
  void connectionRefusedIsUnavailable(@TempDir Path cache) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/" + NAME + ".zip");
    Transcriber transcriber = Transcriber.create(vertx, unpaced(cache)
        .withDownload("ja", new ModelDownload(nowhere, "MD5", modelMd5)));

    Throwable refused = failure(transcriber.prepare("ja"));
    assertThat(refused).isInstanceOf(TranscriptionUnavailableException.class);
    String reason = ((TranscriptionUnavailableException) refused).reason();
    System.out.println("Connection refused: " + reason);
    assertThat(reason).contains("Could not download the speech model for 'ja'", nowhere.toString())
        .containsIgnoringCase("refused")
        .doesNotContain("null");
    assertThat(cache.resolve(NAME)).doesNotExist();
    assertNoLeftovers(cache);
    await(transcriber.close());
  }

  @Test
  @DisplayName("A correctly checksummed zip with an entry outside its folder (../evil) is refused and writes nothing outside the cache")
  void pathTraversalIsRefused(@TempDir Path root) throws Exception {
    Path cache = root.resolve("cache");
    Path evilZip = files.resolve("evil.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evilZip))) {
      for (String name : List.of(NAME + "/README", "../evil", NAME + "/../../evil2")) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("written by " + name).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    String path = "/evil/" + NAME + ".zip";
    bodies.put(path, evilZip);
    Transcriber transcriber = Transcriber.create(vertx, unpaced(cache)
        .withDownload("ja", new ModelDownload(url(path), "SHA-256", digest(evilZip, "SHA-256"))));

    Throwable refused = failure(transcriber.prepare("ja"));
    assertThat(refused).isInstanceOf(TranscriptionUnavailableException.class);
    String reason = ((TranscriptionUnavailableException) refused).reason();
    System.out.println("Path traversal: " + reason);
    assertThat(reason).contains("could not be unpacked", "outside its folder", "../evil");
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil", "evil2", "README");
    }
    assertThat(cache.resolve(NAME)).doesNotExist();
    assertNoLeftovers(cache);
    await(transcriber.close());
  }

  @Test
  @DisplayName("A language with neither a model folder nor a download is unavailable with a reason, without any request")
  void languageWithoutModelIsUnavailable(@TempDir Path cache) {
    Transcriber transcriber = Transcriber.create(vertx, TranscriptionOptions.defaults(cache)
        .withModelDir("de", cache.resolve("no-such-folder")));

    Throwable none = failure(transcriber.open("fr", 0, new RecordingListener()));
    assertThat(none).isInstanceOf(TranscriptionUnavailableException.class);
    assertThat(((TranscriptionUnavailableException) none).reason())
        .contains("No speech model is available for language 'fr'");

    Throwable missingFolder = failure(transcriber.prepare("de-AT"));
    assertThat(missingFolder).isInstanceOf(TranscriptionUnavailableException.class);
    assertThat(((TranscriptionUnavailableException) missingFolder).reason())
        .contains("'de-AT'", cache.resolve("no-such-folder").toString(), "does not exist");
    await(transcriber.close());
  }

  /** English from the shared folder; recorded audio may be fed at once without throttling or dropping. */
  private static TranscriptionOptions unpaced(Path cache) {
    return TranscriptionOptions.defaults(cache)
        .withModelDir("en", SpeechClips.englishModel())
        .withBurstAllowance(Duration.ofHours(1))
        .withMaxLag(Duration.ofMinutes(5));
  }

  /** No download zip and no staging folder remain in the cache. */
  private static void assertNoLeftovers(Path cache) throws IOException {
    if (!Files.exists(cache)) {
      return;
    }
    try (Stream<Path> entries = Files.list(cache)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".download-") || name.startsWith(".staging-"));
    }
  }

  private static String offlineText(Clip clip) {
    Model model = OfflineRecognition.load(SpeechClips.englishModel());
    try {
      return OfflineRecognition.transcribe(model, clip.pcm());
    } finally {
      model.close();
    }
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Zips the files under {@code folder} as {@code root/...}, without compressing (fast; models barely compress). */
  private static void zipFolder(Path folder, String root, Path zipFile) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile));
        Stream<Path> all = Files.walk(folder)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        String relative = folder.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          zip.putNextEntry(new ZipEntry(root + "/" + (relative.isEmpty() ? "" : relative + "/")));
        } else {
          zip.putNextEntry(new ZipEntry(root + "/" + relative));
          Files.copy(p, zip);
        }
        zip.closeEntry();
      }
    }
  }

  private static String digest(Path file, String algorithm) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    digest.update(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest.digest());
  }
}
