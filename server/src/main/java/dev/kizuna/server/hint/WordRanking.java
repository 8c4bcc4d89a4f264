package dev.kizuna.server.hint;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which words members use, and use together, over a set of comments. A word counts once per comment
 * (document frequency); a pair of words counts once per comment containing both. Pairs rank by that
 * count, ties broken by the Dice coefficient {@code 2·n(a,b) / (n(a) + n(b))} (Dice 1945, as used for
 * collocations by Smadja 1993), which prefers words that mostly occur together over two merely frequent
 * ones; then alphabetically, so the order is stable.
 *
 * @param comments number of comments ranked
 * @param words top words: {@code {word, count}}
 * @param pairs top pairs: {@code {a, b, count, dice}} with {@code a < b}
 */
public record WordRanking(int comments, List<JsonObject> words, List<JsonObject> pairs) {

  /** Ranks the word lists of {@code comments}, keeping the {@code top} words and pairs. */
  public static WordRanking of(List<List<String>> comments, int top) {
    Map<String, Integer> wordCount = new HashMap<>();
    Map<String, Integer> pairCount = new HashMap<>();
    for (List<String> comment : comments) {
      List<String> distinct = new ArrayList<>(new TreeSet<>(comment));
      for (int i = 0; i < distinct.size(); i++) {
        wordCount.merge(distinct.get(i), 1, Integer::sum);
        for (int j = i + 1; j < distinct.size(); j++) {
          pairCount.merge(distinct.get(i) + "\u0000" + distinct.get(j), 1, Integer::sum);
        }
      }
    }
    List<JsonObject> words = wordCount.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .map(e -> new JsonObject().put("word", e.getKey()).put("count", e.getValue()))
        .toList();
    List<JsonObject> pairs = pairCount.entrySet().stream().map(e -> {
      String[] ab = e.getKey().split("\u0000");
      double dice = 2.0 * e.getValue() / (wordCount.get(ab[0]) + wordCount.get(ab[1]));
      return new JsonObject().put("a", ab[0]).put("b", ab[1]).put("count", e.getValue())
          .put("dice", Math.round(dice * 1000) / 1000.0);
    }).sorted(Comparator.comparingInt((JsonObject p) -> p.getInteger("count")).reversed()
        .thenComparing(Comparator.comparingDouble((JsonObject p) -> p.getDouble("dice")).reversed())
        .thenComparing(p -> p.getString("a") + " " + p.getString("b")))
        .limit(top)
        .toList();
    return new WordRanking(comments.size(), words, pairs);
  }

  /** {@code {hints, words, pairs}}. */
  public JsonObject toJson() {
    return new JsonObject().put("hints", comments).put("words", new JsonArray(words)).put("pairs", new JsonArray(pairs));
  }
}
