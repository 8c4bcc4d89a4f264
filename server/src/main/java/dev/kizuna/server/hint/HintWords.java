package dev.kizuna.server.hint;

import dev.kizuna.summarizer.embedded.Japanese;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.IOUtils;

/**
 * The content words of a community hint: Japanese through Kuromoji (the summariser's base forms of
 * nouns, verbs and adjectives), English through Lucene's {@link StandardAnalyzer} with the Snowball
 * English stop word list that ships with Lucene ({@code english_stop.txt}; Lucene's default English set
 * has only 33 words and keeps "I", "we", "about"...), lower-cased and not stemmed, so the ranking reads
 * as the members wrote. Anonymisation placeholders are no words. CPU work: call it off the event loop.
 */
public final class HintWords {

  private static final Analyzer ENGLISH = new StandardAnalyzer(snowballStopWords());

  private HintWords() {}

  /** The words of {@code text} in {@code language} ({@code ja} or {@code en}), in order. */
  public static List<String> of(String text, String language) {
    String plain = text.replace(CommunityText.NAME, " ").replace(CommunityText.EMAIL, " ");
    return "ja".equals(language) ? Japanese.contentWords(plain) : english(plain);
  }

  private static CharArraySet snowballStopWords() {
    try {
      return WordlistLoader.getSnowballWordSet(
          IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> english(String text) {
    List<String> words = new ArrayList<>();
    try (TokenStream stream = ENGLISH.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String word = term.toString();
        // Single letters and numbers say nothing about what members value.
        if (word.length() > 1 && !word.chars().allMatch(Character::isDigit)) {
          words.add(word);
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }
}
