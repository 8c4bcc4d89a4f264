package dev.kizuna.transcription.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Model folders in the cache. A folder is built in a staging folder beside its final place, sealed
 * with a marker recording its file count and bytes, and moved into place in one step; a folder
 * whose marker is missing or does not match its content (half-copied by an older version, changed
 * by hand) counts as absent and is rebuilt.
 */
final class ModelFolder {

  static final String MARKER = ".kizuna-complete";

  private ModelFolder() {}

  /** True if {@code dir} was sealed and still holds exactly what it held then. */
  static boolean isComplete(Path dir) {
    Path marker = dir.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      return false;
    }
    try {
      return Files.readString(marker, StandardCharsets.UTF_8).strip().equals(summary(dir));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Seals {@code staged} and moves it to {@code target}, replacing an incomplete folder there. If
   * another process installed a complete one first, keeps that one and deletes {@code staged}.
   */
  static void install(Path staged, Path target) throws IOException {
    Files.writeString(staged.resolve(MARKER), summary(staged), StandardCharsets.UTF_8);
    if (Files.exists(target) && !isComplete(target)) {
      deleteTree(target);
    }
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another installer won the race. On Linux an atomic rename onto a non-empty folder fails with
      // a plain FileSystemException ("Directory not empty", ENOTEMPTY), not DirectoryNotEmptyException.
      if (!isComplete(target)) {
        throw e;
      }
      deleteTree(staged);
    }
  }

  /** A fresh staging folder in {@code cacheDir} for a model named {@code name}. */
  static Path stage(Path cacheDir, String name) throws IOException {
    Files.createDirectories(cacheDir);
    return Files.createTempDirectory(cacheDir, ".staging-" + name + "-");
  }

  /** Deletes {@code path} and everything under it, if it exists. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** "files=N bytes=M" over the regular files under {@code dir}, the marker left out. */
  private static String summary(Path dir) throws IOException {
    long files = 0;
    long bytes = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals(MARKER)) {
          files++;
          bytes += Files.size(p);
        }
      }
    }
    return "files=" + files + " bytes=" + bytes;
  }
}
