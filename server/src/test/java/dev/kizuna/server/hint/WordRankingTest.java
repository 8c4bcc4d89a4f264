package dev.kizuna.server.hint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Words of community hints (real Lucene and Kuromoji) and their co-occurrence ranking. */
class WordRankingTest {

  @Test
  @DisplayName("English: lower-cased words without stop words, placeholders or numbers")
  void englishWords() {
    assertThat(HintWords.of("[name] asked what I NEEDED and we made 2 concrete plans", "en"))
        .containsExactly("asked", "needed", "made", "concrete", "plans");
  }

  @Test
  @DisplayName("Japanese: Kuromoji base forms of content words")
  void japaneseWords() {
    assertThat(HintWords.of("[name]さんが一緒に考えてくれた", "ja")).contains("一緒", "考える").doesNotContain("name", "さん");
  }

  @Test
  @DisplayName("a word counts once per comment; pairs rank by count, then Dice, then alphabetically")
  void ranking() {
    WordRanking ranking = WordRanking.of(List.of(
        List.of("think", "together", "think"),
        List.of("think", "together", "career"),
        List.of("career", "advice"),
        List.of("advice", "concrete", "think")), 10);
    assertThat(ranking.comments()).isEqualTo(4);
    assertThat(ranking.words().get(0)).isEqualTo(new JsonObject().put("word", "think").put("count", 3));
    JsonObject top = ranking.pairs().get(0);
    assertThat(top.getString("a") + "/" + top.getString("b")).isEqualTo("think/together");
    assertThat(top.getInteger("count")).isEqualTo(2);
    assertThat(top.getDouble("dice")).isEqualTo(0.8); // 2*2 / (3+2)
    // Among the pairs seen once, advice/concrete (Dice 2/3) comes before advice/think (Dice 0.4).
    List<String> once = ranking.pairs().stream().filter(p -> p.getInteger("count") == 1)
        .map(p -> p.getString("a") + "/" + p.getString("b")).toList();
    assertThat(once.indexOf("advice/concrete")).isLessThan(once.indexOf("advice/think"));
  }

  @Test
  @DisplayName("anonymisation removes e-mail addresses and each part of the pair's names")
  void anonymise() {
    String text = CommunityText.anonymise("Mina Maeda (mina.maeda@corp.example) said MINA was heard; 前田さんも",
        List.of("Mina Maeda", "前田 美奈"));
    assertThat(text).isEqualTo("[name] ([email]) said [name] was heard; [name]さんも");
    assertThat(CommunityText.anonymise("Minami likes minas", List.of("Mina"))).isEqualTo("Minami likes minas");
    assertThat(CommunityText.language("一緒に考えた")).isEqualTo("ja");
    assertThat(CommunityText.language("thought together")).isEqualTo("en");
  }
}
