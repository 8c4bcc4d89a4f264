package dev.kizuna.transcription;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, by Levenshtein
 * distance over normalised words (lower case; letters, digits and apostrophes only). 0 is perfect;
 * it can exceed 1 when the hypothesis has many extra words.
 */
public final class WordErrorRate {

  private WordErrorRate() {}

  /** The WER of {@code hypothesis} against {@code reference}; a blank reference gives 0 for a blank hypothesis, else 1. */
  public static double of(String reference, String hypothesis) {
    List<String> ref = words(reference);
    List<String> hyp = words(hypothesis);
    if (ref.isEmpty()) {
      return hyp.isEmpty() ? 0 : 1;
    }
    return distance(ref, hyp) / (double) ref.size();
  }

  /** {@code text} lower-cased and split into words; punctuation other than apostrophes is dropped. */
  public static List<String> words(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}'\\s]", " ").strip();
    return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
  }

  /** Edits (substitute, delete, insert; each costs 1) that turn {@code ref} into {@code hyp}. */
  static int distance(List<String> ref, List<String> hyp) {
    int[] previous = new int[hyp.size() + 1];
    int[] current = new int[hyp.size() + 1];
    for (int j = 0; j <= hyp.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= hyp.size(); j++) {
        int substitute = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[hyp.size()];
  }
}
