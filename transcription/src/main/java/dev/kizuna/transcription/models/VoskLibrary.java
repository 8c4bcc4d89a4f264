package dev.kizuna.transcription.models;

import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;

/** The process-wide setup of the native Vosk library. */
public final class VoskLibrary {

  private static boolean loaded;

  private VoskLibrary() {}

  /**
   * Lets JNA unpack libvosk into {@code dir} unless {@code jna.tmpdir} is set: its default,
   * {@code ~/.cache/JNA/temp}, is not writable for every service account. Call before {@link #load()}.
   */
  public static synchronized void useTempDir(Path dir) {
    if (!loaded && System.getProperty("jna.tmpdir") == null) {
      System.setProperty("jna.tmpdir", dir.toAbsolutePath().toString());
    }
  }

  /**
   * Loads libvosk (unpacking it, about 26 MB, on first use; blocking) and keeps Kaldi's per-model
   * and per-utterance INFO lines off stderr.
   */
  public static synchronized void load() {
    if (!loaded) {
      LibVosk.setLogLevel(LogLevel.WARNINGS);
      loaded = true;
    }
  }
}
