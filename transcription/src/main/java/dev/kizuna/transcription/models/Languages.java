package dev.kizuna.transcription.models;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Matching language tags (BCP 47, case-insensitive) to per-language settings. */
public final class Languages {

  private Languages() {}

  /** {@code language} trimmed, lower-cased, with {@code _} as {@code -} ({@code en_US} is {@code en-us}). */
  public static String key(String language) {
    Objects.requireNonNull(language, "language");
    return language.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The primary subtag of {@code language} ({@code en} for {@code en-GB}). */
  public static String primary(String language) {
    String key = key(language);
    int dash = key.indexOf('-');
    return dash < 0 ? key : key.substring(0, dash);
  }

  /** The entry of {@code map} (keys made by {@link #key}) for {@code language}: the whole tag first, then its primary subtag. */
  public static <V> V lookup(Map<String, V> map, String language) {
    V exact = map.get(key(language));
    return exact != null ? exact : map.get(primary(language));
  }
}
