package dev.kizuna.transcription;

import java.util.List;

/**
 * A finished utterance (the recogniser heard a pause, or the stream was closed). Times are
 * milliseconds from the meeting start.
 *
 * @param text the words separated by spaces (never empty)
 * @param startMs start of the first word
 * @param endMs end of the last word
 * @param confidence mean of the words' confidences, 0 to 1
 * @param words the words with their own times, in order
 */
public record FinalSegment(String text, long startMs, long endMs, double confidence, List<Word> words) {

  public FinalSegment {
    words = List.copyOf(words);
  }
}
