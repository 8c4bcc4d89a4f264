package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.AgendaItem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Guesses which agenda item the pair is on when nobody chose one, from the last minute of the
 * transcript: each item scores the occurrences of its topic's words (from the {@code i18n/cues}
 * bundle of the meeting's language) and of the words of the member's note. Latin words match
 * whole words; Japanese ones anywhere (a recogniser splits Japanese words unpredictably).
 */
final class ItemInference {

  private final List<Pattern> vocabulary;

  ItemInference(List<AgendaItem> items, ResourceBundle meetingTexts) {
    this.vocabulary = items.stream().map(item -> {
      Stream<String> topicWords = words(meetingTexts.getString("topic." + item.topic().name() + ".words"));
      // A note's short Latin words are mostly function words ("the", "and"): keep the longer ones.
      Stream<String> noteWords = item.note() == null ? Stream.empty()
          : words(item.note()).filter(w -> !isLatin(w) || w.length() >= 4);
      String alternatives = Stream.concat(topicWords, noteWords).distinct()
          .map(w -> isLatin(w) ? "\\b" + Pattern.quote(w) + "\\b" : Pattern.quote(w))
          .collect(Collectors.joining("|"));
      return Pattern.compile(alternatives.isEmpty() ? "(?!)" : alternatives);
    }).toList();
  }

  private static Stream<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[,\\s、。]+")).map(String::strip).filter(w -> w.length() >= 2);
  }

  private static boolean isLatin(String word) {
    return word.chars().allMatch(c -> c < 128);
  }

  /** The best-matching item for {@code recentText}, or {@code fallback} when nothing matches. */
  int best(String recentText, int fallback) {
    String text = recentText.toLowerCase(Locale.ROOT).replaceAll("(?<=[^\\x00-\\x7f])\\s+(?=[^\\x00-\\x7f])", "");
    int best = fallback;
    long bestScore = 0;
    for (int i = 0; i < vocabulary.size(); i++) {
      long score = vocabulary.get(i).matcher(text).results().count();
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }
}
