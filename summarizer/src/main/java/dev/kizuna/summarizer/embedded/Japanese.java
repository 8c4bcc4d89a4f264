package dev.kizuna.summarizer.embedded;

import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Japanese morphology with Kuromoji (IPADIC). The tokenizer loads its dictionary once (about 0.5 s) and is
 * thread-safe, so one instance serves every summary.
 */
public final class Japanese {

  private static final Set<String> CONTENT_POS = Set.of("名詞", "動詞", "形容詞");
  // frequent verbs and nouns that carry no topic: they would make every sentence look alike
  private static final Set<String> LIGHT_WORDS =
      Set.of("する", "いる", "ある", "なる", "思う", "言う", "できる", "くれる", "もらう", "いう", "こと", "の", "ん",
          "よう", "そう", "それ", "これ", "あれ", "ところ", "感じ", "もの", "とき", "ちょっと", "みたい", "さん");

  private static final class Holder {
    static final Tokenizer TOKENIZER = new Tokenizer();
  }

  private Japanese() {}

  /** The morphemes of {@code text}. */
  public static List<Token> tokens(String text) {
    return Holder.TOKENIZER.tokenize(text);
  }

  /**
   * The content words of {@code text} as base forms: nouns (not numbers, pronouns or suffixes), verbs and
   * adjectives, without the light words every sentence has.
   */
  public static List<String> contentWords(String text) {
    List<String> words = new ArrayList<>();
    for (Token t : tokens(text)) {
      String pos = t.getPartOfSpeechLevel1();
      String sub = t.getPartOfSpeechLevel2();
      if (!CONTENT_POS.contains(pos) || sub.equals("数") || sub.equals("代名詞") || sub.equals("接尾")
          || sub.equals("非自立")) {
        continue;
      }
      String base = t.getBaseForm() == null || t.getBaseForm().equals("*") ? t.getSurface() : t.getBaseForm();
      if (!LIGHT_WORDS.contains(base)) {
        words.add(base);
      }
    }
    return words;
  }
}
