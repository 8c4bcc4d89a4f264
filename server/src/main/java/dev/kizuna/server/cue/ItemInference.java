package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.AgendaItem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Guesses which agenda item the pair is on when nobody chose one, from the last minute of the
 * transcript: each item scores the occurrences of its topic's words (from the {@code i18n/cues}
 * bundle of the meeting's language) and of the words of the member's note.
 */
final class ItemInference {

  private final List<List<String>> vocabulary;

  ItemInference(List<AgendaItem> items, ResourceBundle meetingTexts) {
    this.vocabulary = items.stream().map(item -> {
      String words = meetingTexts.getString("topic." + item.topic().name() + ".words")
          + (item.note() == null ? "" : "," + item.note());
      return Arrays.stream(words.toLowerCase(Locale.ROOT).split("[,\\s、。]+"))
          .map(String::strip).filter(w -> w.length() >= 2).distinct().toList();
    }).toList();
  }

  /** The best-matching item for {@code recentText}, or {@code fallback} when nothing matches. */
  int best(String recentText, int fallback) {
    String text = recentText.toLowerCase(Locale.ROOT);
    int best = fallback;
    int bestScore = 0;
    for (int i = 0; i < vocabulary.size(); i++) {
      int score = 0;
      for (String word : vocabulary.get(i)) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
          score++;
        }
      }
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }
}
