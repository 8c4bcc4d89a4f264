package dev.kizuna.transcription.recognition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reading Vosk's JSON results (recogniser created with {@code setWords(true)}). */
final class VoskJson {

  /**
   * A word as Vosk reports it.
   *
   * @param start seconds since the recogniser was created
   * @param end seconds since the recogniser was created
   * @param confidence 0 to 1
   */
  record RecognisedWord(String word, double start, double end, double confidence) {}

  private VoskJson() {}

  /** The words of a result ({@code {"result": [{"conf", "start", "end", "word"}...], "text"}}); empty for silence. */
  static List<RecognisedWord> words(String json) {
    JsonArray result = new JsonObject(json).getJsonArray("result");
    List<RecognisedWord> words = new ArrayList<>();
    if (result != null) {
      for (int i = 0; i < result.size(); i++) {
        JsonObject w = result.getJsonObject(i);
        words.add(new RecognisedWord(w.getString("word"), w.getDouble("start"), w.getDouble("end"),
            w.getDouble("conf")));
      }
    }
    return words;
  }

  /** The text of a partial result ({@code {"partial": "..."}}); empty when nothing was heard yet. */
  static String partialText(String json) {
    return new JsonObject(json).getString("partial", "").strip();
  }
}
