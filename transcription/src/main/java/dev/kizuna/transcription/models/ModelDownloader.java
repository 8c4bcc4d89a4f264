package dev.kizuna.transcription.models;

import dev.kizuna.transcription.ModelDownload;
import dev.kizuna.transcription.TranscriptionUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a model zip with Vert.x's HTTP client (non-blocking, following redirects), checks its
 * checksum, unpacks it beside the cache and moves the folder into place in one step. The zip and
 * the staging folder are removed whatever happens.
 */
final class ModelDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  /** A download fails when no byte arrives for this long. */
  private static final long IDLE_TIMEOUT_MS = 60_000;

  private final Vertx vertx;
  private final Executor blocking;

  ModelDownloader(Vertx vertx, Executor blocking) {
    this.vertx = vertx;
    this.blocking = blocking;
  }

  /** Downloads {@code download} for {@code language} into {@code target}, a folder of {@code cacheDir}. */
  Future<Path> download(String language, ModelDownload download, Path cacheDir, Path target) {
    String source = download.url().toString();
    LOG.info("Downloading the speech model for '{}' from {}", language, source);
    Path zip = cacheDir.resolve(".download-" + download.folderName() + "-" + System.nanoTime() + ".zip");
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS));
    return Blocking.call(blocking, () -> Files.createDirectories(cacheDir))
        .compose(dir -> vertx.fileSystem().open(zip.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .compose(file -> fetch(client, source, file, language))
        .eventually(() -> client.close())
        .compose(fetched -> Blocking.call(blocking, () -> unpack(language, download, zip, cacheDir, target)))
        .onComplete(done -> deleteQuietly(zip));
  }

  private Future<Void> fetch(HttpClientAgent client, String source, AsyncFile file, String language) {
    return client.request(new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(source)
            .setFollowRedirects(true)
            .setIdleTimeout(IDLE_TIMEOUT_MS))
        .compose(request -> request.send())
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.<Void>failedFuture(new TranscriptionUnavailableException(
                "Could not download the speech model for '" + language + "' from " + source + ": HTTP "
                    + response.statusCode() + "."));
          }
          return response.pipeTo(file); // closes the file, whatever the outcome
        })
        .recover(failure -> file.close().transform(closed -> Future.failedFuture(
            failure instanceof TranscriptionUnavailableException
                ? failure
                : new TranscriptionUnavailableException("Could not download the speech model for '" + language
                    + "' from " + source + ": " + failure.getMessage() + ".", failure))));
  }

  /** Blocking: checks the zip's checksum, unpacks it and installs the model folder. */
  private static Path unpack(String language, ModelDownload download, Path zip, Path cacheDir, Path target)
      throws IOException {
    String actual = digest(zip, download.checksumAlgorithm());
    if (!actual.equals(download.checksum())) {
      throw new TranscriptionUnavailableException("The speech model downloaded for '" + language + "' from "
          + download.url() + " is not the expected file: its " + download.checksumAlgorithm() + " checksum is "
          + actual + ", expected " + download.checksum() + ".");
    }
    Path staged = ModelFolder.stage(cacheDir, download.folderName());
    try {
      Path root = ZipArchive.unpack(zip, staged);
      ModelFolder.install(root, target);
      LOG.info("Installed the speech model for '{}' in {}", language, target);
      return target;
    } catch (IOException e) {
      throw new TranscriptionUnavailableException("The speech model downloaded for '" + language + "' from "
          + download.url() + " could not be unpacked: " + e.getMessage() + ".", e);
    } finally {
      ModelFolder.deleteTree(staged);
    }
  }

  private static String digest(Path file, String algorithm) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // ModelDownload checked the algorithm
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", file, e);
    }
  }
}
