package dev.kizuna.server.hint;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a consented comment for the community hint library: removes e-mail addresses and the
 * pair's names, and tells the language apart.
 */
public final class CommunityText {

  /** What a removed name becomes. */
  public static final String NAME = "[name]";
  /** What a removed e-mail address becomes. */
  public static final String EMAIL = "[email]";
  // Loose on purpose: anything shaped like local@domain goes, including obfuscated spaces-free forms.
  private static final Pattern EMAIL_PATTERN = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");

  private CommunityText() {}

  /**
   * {@code text} without e-mail addresses and without {@code names}: each full name and each of
   * its parts of two or more characters, case-insensitively (whole words for Latin script, any
   * occurrence for Japanese, which has no spaces).
   */
  public static String anonymise(String text, Collection<String> names) {
    String result = EMAIL_PATTERN.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
    Set<String> parts = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        continue;
      }
      parts.add(name.trim());
      for (String part : SPACES.split(name.trim())) {
        if (part.codePointCount(0, part.length()) >= 2) {
          parts.add(part);
        }
      }
    }
    // Longest first, so "Mina Mori" goes as one before "Mina" and "Mori" alone.
    for (String part : parts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      String quoted = Pattern.quote(part);
      String regex = isJapanese(part) ? quoted : "(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])";
      result = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(result)
          .replaceAll(Matcher.quoteReplacement(NAME));
    }
    return result.strip();
  }

  /** {@code ja} when the text has any kana or kanji, else {@code en}. */
  public static String language(String text) {
    return isJapanese(text) ? "ja" : "en";
  }

  private static boolean isJapanese(String text) {
    return text.codePoints().anyMatch(c -> {
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
          || script == Character.UnicodeScript.HAN;
    });
  }
}
