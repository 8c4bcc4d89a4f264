package dev.kizuna.server.cue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises advice and questions in transcript text, English or Japanese. Streaming speech
 * recognition gives lower-case words without punctuation, so questions are found by their
 * opening words (English) or sentence-final particles and question words (Japanese), not by a
 * question mark alone.
 */
final class Phrases {

  private static final List<Pattern> ADVICE_EN = patterns(
      "\\byou should\\b", "\\byou ought to\\b", "\\byou need to\\b", "\\byou have to\\b", "\\bwhy don't you\\b",
      "\\bwhy not just\\b", "\\bhave you tried\\b", "\\bi suggest\\b", "\\bi'd suggest\\b", "\\bi would suggest\\b",
      "\\bmy advice\\b", "\\bif i were you\\b", "\\bwhat you need is\\b", "\\bthe best thing is to\\b",
      "\\byou'd better\\b", "\\byou had better\\b", "\\bjust do\\b");
  private static final List<Pattern> ADVICE_JA = patterns(
      "(した|する)ほうがいい", "(した|する)方がいい", "すべき", "してみたら", "やってみたら", "したらどう", "しなきゃ",
      "しないと(だめ|ダメ)", "アドバイスすると", "私だったら", "僕だったら", "俺だったら", "おすすめは");
  private static final Pattern QUESTION_EN = Pattern.compile(
      "(^|\\b(and|so|but|okay|ok|well)\\s+)(what|how|why|when|where|who|which|do you|did you|does it|are you|is it|is there"
          + "|was it|can you|could you|would you|will you|have you|had you|shall we|should we|tell me)\\b");
  /** Questions inside a longer utterance (recognised speech has no sentence breaks). */
  private static final Pattern QUESTION_EN_INSIDE = Pattern.compile(
      "\\b(what|how|why|when|where|who|which)\\s+(do|does|did|is|are|was|were|would|could|should|can|will|have"
          + "|has|had|matters|makes|made|happened|if|about|kind|sort|part|else)\\b"
          + "|\\b(do you think|would you say|can you tell|could you tell|what's your|is that right)\\b");
  private static final Pattern QUESTION_JA = Pattern.compile(
      "(どう|なぜ|なんで|何|なに|どんな|どこ|いつ|だれ|誰|どれ|どの)|(ですか|ますか|でしょうか|かな|の？|か？|か$|の$)");

  private Phrases() {}

  /** Whether {@code text} gives advice ("you should", "〜したほうがいい"...). */
  static boolean isAdvice(String text, String language) {
    String t = normalise(text, language);
    return (isJapanese(language) ? ADVICE_JA : ADVICE_EN).stream().anyMatch(p -> p.matcher(t).find());
  }

  /** Whether {@code text} asks something. */
  static boolean isQuestion(String text, String language) {
    String t = normalise(text, language);
    if (t.contains("?") || t.contains("？")) {
      return true;
    }
    if (isJapanese(language)) {
      return QUESTION_JA.matcher(t).find();
    }
    return QUESTION_EN.matcher(t).find() || QUESTION_EN_INSIDE.matcher(t).find();
  }

  private static boolean isJapanese(String language) {
    return language.toLowerCase(Locale.ROOT).startsWith("ja");
  }

  /** Lower case, straight apostrophes; Japanese without the spaces a recogniser puts between words. */
  private static String normalise(String text, String language) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    return isJapanese(language) ? t.replaceAll("\\s+", "") : t;
  }

  private static List<Pattern> patterns(String... regexes) {
    return Arrays.stream(regexes).map(Pattern::compile).toList();
  }
}
