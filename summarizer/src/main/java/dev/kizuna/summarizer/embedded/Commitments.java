package dev.kizuna.summarizer.embedded;

import com.atilika.kuromoji.ipadic.Token;
import dev.kizuna.summarizer.Commitment;
import dev.kizuna.summarizer.Utterance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Promise detection: a speaker committing themselves to an action, said as decided. The owner is the
 * speaker. English looks for commitment phrases ("I'll", "I will", "let me", "I'm going to", "I can have");
 * Japanese for a sentence that ends in a non-past action verb in the polite or plain form ("送ります",
 * "しておきます", "聞いてみます", "共有するね"), judged on Kuromoji's morphemes. Both drop the decoys that look
 * alike: questions, conditionals and wishes ("if", "もし", "〜たら", "〜できたらいいな"), hedges ("maybe",
 * "たぶん"), quoted speech, and ongoing attitudes ("keep in mind", "〜ようにする"), which belong to keep-in-mind.
 * At most one commitment per utterance: several phrases in one turn are one promise.
 */
final class Commitments {

  private static final Pattern EN_MARKER = Pattern.compile(
      "(?i)\\b(I'll|I will|I'm going to|I am going to|I'm gonna|let me|I can have|I can send|will do)\\b");
  private static final Pattern EN_DECOY = Pattern.compile(
      "(?i)\\b(if|maybe|probably|perhaps|might|someday|some day|at some point|should|would|could|already|"
          + "keep in mind|remember|try|won't|let me (think|see|know)|unless)\\b");
  private static final Pattern QUOTED = Pattern.compile("(?<!\\w)'.+?'(?!\\w)|\"[^\"]*\"|“[^”]*”|「[^」]*」|『[^』]*』");
  private static final Pattern JA_DECOY = Pattern.compile(
      "もし|たぶん|多分|かも|いつか|ように|たらいい|ればいい|いいな|前に|今度|ましょう|ませんか|でしょうか");
  // verbs that end many sentences without being actions: thinking, being, understanding, thanking
  private static final Set<String> JA_NOT_ACTIONS = Set.of(
      "思う", "いる", "ある", "なる", "わかる", "分かる", "助かる", "違う", "ござる", "感じる", "いう", "言う", "困る",
      "できる", "頑張る", "がんばる", "見える", "考える", "知る");
  private static final Set<String> JA_TAIL_VERBS = Set.of("おく", "とく", "みる", "いく", "くる");

  private Commitments() {}

  /**
   * The commitments in {@code utterances}; {@code closingFrom} is the first utterance of the closing
   * keep-in-mind exchange, whose "I'll ..." lines are attitudes, not promises.
   */
  static List<Commitment> detect(List<Utterance> utterances, String language, LocalDate meeting, int closingFrom) {
    List<Commitment> out = new ArrayList<>();
    LocalDate deadline = null;
    for (int i = 0; i < utterances.size(); i++) {
      Utterance u = utterances.get(i);
      List<String> sentences = Sentences.split(u.text(), language);
      if (mentionsDeadline(u.text())) {
        Optional<LocalDate> said = DueDates.find(u.text(), language, meeting);
        if (said.isPresent()) {
          deadline = said.get();
        }
      }
      if (i >= closingFrom) {
        continue;
      }
      int first = -1;
      List<String> what = new ArrayList<>();
      for (int s = 0; s < sentences.size(); s++) {
        String action = language.equals("ja") ? japanese(sentences.get(s)) : english(sentences.get(s));
        if (action != null) {
          first = first < 0 ? s : first;
          what.add(action);
        }
      }
      if (first < 0) {
        continue;
      }
      LocalDate due = null;
      for (int s = first; s < sentences.size() && due == null; s++) {
        due = DueDates.find(sentences.get(s), language, meeting).orElse(null);
        if (due == null && mentionsDeadline(sentences.get(s))) {
          due = deadline;
        }
      }
      out.add(new Commitment(u.speaker(), String.join(language.equals("ja") ? "" : " ", what), due));
    }
    return out;
  }

  private static boolean mentionsDeadline(String text) {
    return text.contains("締め切り") || text.contains("締切") || text.toLowerCase().contains("deadline");
  }

  /** The promised action of an English sentence ("I'll send it by Friday" gives "Send it by Friday"), or null. */
  static String english(String sentence) {
    String s = QUOTED.matcher(sentence).replaceAll(" ").strip();
    var m = EN_MARKER.matcher(s);
    if (s.endsWith("?") || !m.find() || EN_DECOY.matcher(s).find()) {
      return null;
    }
    String action = s.substring(m.end()).strip().replaceAll("[.!]+$", "");
    if (action.split("\\s+").length < 2 && !m.group(1).equalsIgnoreCase("will do")) {
      action = s.replaceAll("[.!]+$", "");
    }
    return action.isEmpty() ? null : Character.toUpperCase(action.charAt(0)) + action.substring(1);
  }

  /** The Japanese sentence itself, trimmed, when it commits the speaker to an action; otherwise null. */
  static String japanese(String sentence) {
    String s = QUOTED.matcher(sentence).replaceAll("").strip();
    if (s.endsWith("？") || s.endsWith("?") || JA_DECOY.matcher(s).find()) {
      return null;
    }
    List<Token> tokens = Japanese.tokens(s);
    int i = tokens.size() - 1;
    while (i >= 0 && (tokens.get(i).getPartOfSpeechLevel1().equals("記号")
        || tokens.get(i).getPartOfSpeechLevel2().equals("終助詞"))) {
      i--;
    }
    if (i < 0) {
      return null;
    }
    for (Token t : tokens) {
      // conditional clauses: 書けたら, 行ければ
      if (t.getSurface().equals("たら") || t.getSurface().equals("ば") && t.getPartOfSpeechLevel2().equals("接続助詞")) {
        return null;
      }
    }
    Token tail = tokens.get(i);
    boolean politeNonPast = tail.getBaseForm().equals("ます") && tail.getSurface().equals("ます");
    // a plain-form promise is casual speech and ends in ね/よ ("共有するね"); a bare plain verb is narration
    boolean plainNonPast = tail.getPartOfSpeechLevel1().equals("動詞") && tail.getConjugationForm().equals("基本形")
        && tokens.subList(i + 1, tokens.size()).stream().anyMatch(t -> t.getPartOfSpeechLevel2().equals("終助詞"));
    if (!politeNonPast && !plainNonPast) {
      return null;
    }
    int v = politeNonPast ? i - 1 : i;
    // 迷ってます, 聞こえてます: the progressive describes a state, not an action to come
    if (politeNonPast && v >= 0 && (tokens.get(v).getSurface().equals("て") || tokens.get(v).getSurface().equals("で"))) {
      return null;
    }
    while (v >= 0 && (JA_TAIL_VERBS.contains(tokens.get(v).getBaseForm())
        && tokens.get(v).getPartOfSpeechLevel2().equals("非自立")
        || tokens.get(v).getSurface().equals("て") || tokens.get(v).getSurface().equals("で"))) {
      v--;
    }
    if (v < 0 || !tokens.get(v).getPartOfSpeechLevel1().equals("動詞") || JA_NOT_ACTIONS.contains(tokens.get(v).getBaseForm())) {
      return null;
    }
    String trimmed = Sentences.trim(sentence, "ja");
    // "お願いします。" alone answers the other; a promise names what is done
    return trimmed.replaceAll("[、。！？!?]", "").length() < 8 ? null : trimmed;
  }
}
