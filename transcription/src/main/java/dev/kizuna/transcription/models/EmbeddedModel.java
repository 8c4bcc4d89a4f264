package dev.kizuna.transcription.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The small English model shipped in this jar (vosk-model-small-en-us-0.15, Apache-2.0, from the
 * Maven Central artifact com.alphacephei:vosk-model-en). Vosk reads a model from a folder, so it
 * is copied out of the jar into the model cache once (about 68 MB, under a second).
 */
final class EmbeddedModel {

  /** The model's name, also its folder name in the cache. */
  static final String NAME = "vosk-model-small-en-us-0.15";
  /** The language it serves (by primary subtag: en-US, en-GB, ... all use it). */
  static final String LANGUAGE = "en";

  private static final String RESOURCES = "/dev/kizuna/transcription/models/" + NAME;

  private EmbeddedModel() {}

  /**
   * The model's folder in {@code cacheDir}, copying it there first unless a complete copy exists.
   * Blocking.
   */
  static Path extract(Path cacheDir) throws IOException {
    Path target = cacheDir.resolve(NAME);
    if (ModelFolder.isComplete(target)) {
      return target;
    }
    Path staged = ModelFolder.stage(cacheDir, NAME);
    try {
      for (String file : files()) {
        Path to = staged.resolve(file).normalize();
        if (!to.startsWith(staged)) {
          throw new IOException("bad file name in the embedded model index: " + file);
        }
        Files.createDirectories(to.getParent());
        try (InputStream in = resource(RESOURCES + "/" + file)) {
          Files.copy(in, to);
        }
      }
      ModelFolder.install(staged, target);
      return target;
    } finally {
      ModelFolder.deleteTree(staged);
    }
  }

  /** The model's files, relative paths with '/', from the index written at build time. */
  private static List<String> files() throws IOException {
    try (InputStream in = resource(RESOURCES + ".files")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .toList();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = EmbeddedModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("the embedded English model is missing from the jar (" + name + ")");
    }
    return in;
  }
}
