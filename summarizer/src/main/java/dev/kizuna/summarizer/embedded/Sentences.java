package dev.kizuna.summarizer.embedded;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sentence splitting and the trimming that turns spoken sentences into memo lines.
 *
 * <p>English uses the JDK's sentence {@link BreakIterator}; text without punctuation (speech recognition
 * output) is cut into chunks of at most {@value #MAX_WORDS} words, before a conjunction where one is near.
 * Japanese splits after 。！？ and at line ends.
 */
public final class Sentences {

  static final int MAX_WORDS = 28;
  private static final Pattern JA_END = Pattern.compile("(?<=[。！？!?])|\\n+");
  private static final Pattern CONJUNCTION = Pattern.compile("(?i)and|but|so|because|then|which|when|if");

  private static final Pattern EN_FILLERS = Pattern.compile(
      "(?i)(,\\s*)?\\b(um+|uh+|erm|hmm+|mm-hm|you know|I mean|kind of|sort of)\\b,?|(?<=,)\\s*like,|^like,\\s*");
  private static final Pattern EN_LEAD = Pattern.compile(
      "(?i)^(so|okay|ok|yeah|yes|yep|right|well|and|but|also|honestly|actually|oh|ah|ha|hmm|great|perfect|nice|"
          + "sure|alright|good|thanks|wait|no|exactly|totally|anyway|mm-hm|huh|nope|cool)\\b[,.!?]*\\s*");
  private static final Pattern JA_FILLERS = Pattern.compile(
      "(えー+と?|えっと|あのー*|うーん|うー+ん|まあ|なんか|あー+|んー+)、?");
  private static final Pattern JA_LEAD = Pattern.compile(
      "^(うん|はい|ええ|そう|で|じゃあ|あ|いや|いやいや|なるほど|たしかに|そうですね|そうそう|うんうん)[、。！]\\s*");

  private Sentences() {}

  /** The sentences of {@code text} in {@code language} ("en" or "ja"), stripped, none empty. */
  public static List<String> split(String text, String language) {
    List<String> out = new ArrayList<>();
    if (language.equals("ja")) {
      for (String s : JA_END.split(text)) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    for (String line : text.split("\\n+")) {
      BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
      it.setText(line);
      for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        String s = line.substring(start, end).strip();
        if (!s.isEmpty()) {
          out.addAll(chunk(s));
        }
      }
    }
    return out;
  }

  private static List<String> chunk(String sentence) {
    String[] words = sentence.split("\\s+");
    if (words.length <= MAX_WORDS) {
      return List.of(sentence);
    }
    List<String> chunks = new ArrayList<>();
    int from = 0;
    while (from < words.length) {
      int to = Math.min(words.length, from + MAX_WORDS);
      if (to < words.length) {
        for (int cut = to - 1; cut > from + MAX_WORDS / 2; cut--) {
          if (CONJUNCTION.matcher(words[cut]).matches()) {
            to = cut;
            break;
          }
        }
      }
      chunks.add(String.join(" ", java.util.Arrays.copyOfRange(words, from, to)));
      from = to;
    }
    return chunks;
  }

  /**
   * {@code sentence} without fillers ("um", "you know", "えっと", "あの") and the discourse markers it starts
   * with ("So, okay,", "うん、じゃあ、"), first letter upper case in English.
   */
  public static String trim(String sentence, String language) {
    String s = sentence.strip();
    if (language.equals("ja")) {
      s = JA_FILLERS.matcher(s).replaceAll("");
      for (String before = null; !s.equals(before); ) {
        before = s;
        s = JA_LEAD.matcher(s).replaceFirst("").strip();
      }
      return s.replace("……", "").strip();
    }
    s = EN_FILLERS.matcher(s).replaceAll("").replaceAll("\\s{2,}", " ").replaceAll("\\s+([,.?!])", "$1");
    for (String before = null; !s.equals(before); ) {
      before = s;
      s = EN_LEAD.matcher(s).replaceFirst("").strip();
    }
    s = s.replaceAll("^[,.\\s]+", "").replace("...", "").strip();
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Words for English (letters, digits, apostrophes), lower case. */
  public static List<String> englishWords(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}
