package dev.kizuna.transcription;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where to download a language's Vosk model (a zip holding the model folder) and how to check it.
 * A download is used only with a checksum: a model is code-like input to a native library.
 *
 * @param url the zip, e.g. {@code https://alphacephei.com/vosk/models/vosk-model-small-ja-0.22.zip};
 *     its file name without {@code .zip} names the folder in the model cache
 * @param checksumAlgorithm a {@link MessageDigest} algorithm, e.g. {@code MD5} (what Vosk's
 *     model-list.json publishes) or {@code SHA-256}
 * @param checksum the expected digest of the zip, hexadecimal
 */
public record ModelDownload(URI url, String checksumAlgorithm, String checksum) {

  public ModelDownload {
    Objects.requireNonNull(url, "url");
    if (checksumAlgorithm == null || checksum == null || checksum.isBlank()) {
      throw new IllegalArgumentException("a model download needs a checksum: " + url);
    }
    try {
      MessageDigest.getInstance(checksumAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown checksum algorithm " + checksumAlgorithm, e);
    }
    if (!checksum.matches("[0-9a-fA-F]+")) {
      throw new IllegalArgumentException("the checksum must be hexadecimal: " + checksum);
    }
    checksum = checksum.toLowerCase(Locale.ROOT);
    String path = url.getPath();
    // the name becomes a folder in the cache: keep it to one plain path segment
    if (path == null || !path.endsWith(".zip") || !folderName(path).matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("a model download must be a .zip file with a plain name: " + url);
    }
  }

  /**
   * The official small Japanese model, vosk-model-small-ja-0.22 (48 MB, Apache-2.0). Checksum as
   * published in Vosk's model-list.json (md5 0e3163dd62dfb0d823353718ac3cbf79, size 49,704,573
   * bytes), cross-checked in five public projects that pin it.
   */
  public static ModelDownload smallJapanese() {
    return new ModelDownload(URI.create("https://alphacephei.com/vosk/models/vosk-model-small-ja-0.22.zip"),
        "MD5", "0e3163dd62dfb0d823353718ac3cbf79");
  }

  /** The folder name of the unpacked model in the cache: the zip's file name without {@code .zip}. */
  public String folderName() {
    return folderName(url.getPath());
  }

  private static String folderName(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".zip".length());
  }
}
