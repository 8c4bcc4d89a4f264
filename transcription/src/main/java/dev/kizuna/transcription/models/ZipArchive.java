package dev.kizuna.transcription.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacking a downloaded model zip. */
final class ZipArchive {

  private ZipArchive() {}

  /**
   * Unpacks {@code zip} into the empty folder {@code into} and returns the model's root: the single
   * top-level folder when every entry sits in one (as in Vosk's official zips), else {@code into}.
   * Refuses entries that would land outside {@code into}. Blocking.
   */
  static Path unpack(Path zip, Path into) throws IOException {
    Set<String> topLevel = new HashSet<>();
    boolean looseFiles = false;
    int entries = 0;
    try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName().replace('\\', '/');
        Path to = into.resolve(name).normalize();
        if (!to.startsWith(into) || to.equals(into)) {
          throw new IOException("the archive has an entry outside its folder: " + entry.getName());
        }
        entries++;
        Path relative = into.relativize(to);
        topLevel.add(relative.getName(0).toString());
        looseFiles |= relative.getNameCount() == 1 && !entry.isDirectory();
        if (entry.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(in, to);
        }
      }
    }
    if (entries == 0) {
      throw new IOException("the archive is empty or not a zip file");
    }
    return topLevel.size() == 1 && !looseFiles ? into.resolve(topLevel.iterator().next()) : into;
  }
}
