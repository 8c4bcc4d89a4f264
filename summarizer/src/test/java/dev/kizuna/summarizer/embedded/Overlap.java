package dev.kizuna.summarizer.embedded;

import com.atilika.kuromoji.ipadic.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Token overlap measures for the quality evaluation. */
final class Overlap {

  private static final Set<String> EN_STOP = Set.of(
      "a", "an", "the", "and", "or", "to", "of", "in", "on", "for", "with", "at", "by", "it", "is", "be", "that", "this",
      "i", "i'll", "you", "your", "my", "me", "we", "they", "he", "she", "her", "his", "them", "so", "as", "if", "will",
      "about", "from", "up", "out", "then", "just", "can", "do", "what", "how", "there");

  private Overlap() {}

  /** All word tokens: English words in lower case; Japanese Kuromoji surfaces without symbols. */
  static List<String> words(String text, String language) {
    if (language.equals("en")) {
      return Sentences.englishWords(text);
    }
    List<String> out = new ArrayList<>();
    for (Token t : Japanese.tokens(text)) {
      if (!t.getPartOfSpeechLevel1().equals("記号")) {
        out.add(t.getSurface());
      }
    }
    return out;
  }

  /** Content tokens for matching promises: English words less stop words, crudely stemmed; Japanese content base forms. */
  static Set<String> content(String text, String language) {
    Set<String> out = new HashSet<>();
    if (language.equals("ja")) {
      out.addAll(Japanese.contentWords(text));
      return out;
    }
    for (String w : Sentences.englishWords(text)) {
      if (!EN_STOP.contains(w)) {
        out.add(w.replaceAll("(ing|ed|es|s)$", ""));
      }
    }
    return out;
  }

  /** Token F1 of two content sets (as in SQuAD's answer overlap). */
  static double tokenF1(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    if (both.isEmpty()) {
      return 0;
    }
    double p = (double) both.size() / a.size();
    double r = (double) both.size() / b.size();
    return 2 * p * r / (p + r);
  }

  /** ROUGE-1 (Lin 2004) of a candidate against a reference: {recall, precision, F1} on clipped unigram counts. */
  static double[] rouge1(List<String> candidate, List<String> reference) {
    Map<String, Integer> ref = counts(reference);
    Map<String, Integer> cand = counts(candidate);
    int hits = 0;
    for (var e : cand.entrySet()) {
      hits += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
    }
    double r = reference.isEmpty() ? 0 : (double) hits / reference.size();
    double p = candidate.isEmpty() ? 0 : (double) hits / candidate.size();
    return new double[] {r, p, r + p == 0 ? 0 : 2 * r * p / (r + p)};
  }

  private static Map<String, Integer> counts(List<String> tokens) {
    Map<String, Integer> m = new HashMap<>();
    tokens.forEach(t -> m.merge(t, 1, Integer::sum));
    return m;
  }
}
