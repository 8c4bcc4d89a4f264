package dev.kizuna.summarizer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hand-labelled conversations of src/test/resources/quality (schema in its README). */
public final class QualitySet {

  public static final List<String> IDS = List.of(
      "en-01", "en-02", "en-03", "en-04", "en-05", "en-06", "ja-01", "ja-02", "ja-03", "ja-04", "ja-05", "ja-06");

  /** One conversation with its gold labels. */
  public record Conversation(String id, SummaryRequest request, List<GoldPoint> keyPoints, List<GoldPromise> promises,
      Map<String, List<String>> keepInMind, List<String> nextTime) {}

  public record GoldPoint(int agendaIndex, String text) {}

  public record GoldPromise(Speaker owner, String what, LocalDate due, int segmentIndex) {}

  private QualitySet() {}

  public static List<Conversation> all() {
    return IDS.stream().map(QualitySet::load).toList();
  }

  public static Conversation load(String id) {
    JsonObject j;
    try (InputStream in = QualitySet.class.getResourceAsStream("/quality/" + id + ".json")) {
      j = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<AgendaEntry> agenda = new ArrayList<>();
    for (Object o : j.getJsonArray("agenda")) {
      JsonObject a = (JsonObject) o;
      agenda.add(new AgendaEntry(a.getString("topic"), a.getString("expectation"), a.getString("note")));
    }
    List<Utterance> utterances = new ArrayList<>();
    for (Object o : j.getJsonArray("segments")) {
      JsonObject s = (JsonObject) o;
      utterances.add(new Utterance(Speaker.valueOf(s.getString("speaker")), s.getString("text"), s.getLong("startMs"),
          s.getLong("endMs")));
    }
    SummaryRequest request = new SummaryRequest(j.getString("language"), LocalDate.parse(j.getString("meetingDate")),
        agenda, utterances, j.getString("memo"));
    JsonObject gold = j.getJsonObject("gold");
    List<GoldPoint> points = new ArrayList<>();
    for (Object o : gold.getJsonArray("keyPoints")) {
      JsonObject p = (JsonObject) o;
      points.add(new GoldPoint(p.getInteger("agendaIndex"), p.getString("text")));
    }
    List<GoldPromise> promises = new ArrayList<>();
    for (Object o : gold.getJsonArray("promises")) {
      JsonObject p = (JsonObject) o;
      String due = p.getString("due");
      promises.add(new GoldPromise(Speaker.valueOf(p.getString("owner")), p.getString("what"),
          due == null ? null : LocalDate.parse(due), p.getInteger("segmentIndex")));
    }
    Map<String, List<String>> keep = new LinkedHashMap<>();
    gold.getJsonObject("keepInMind").forEach(e -> keep.put(e.getKey(), strings((JsonArray) e.getValue())));
    return new Conversation(id, request, points, promises, keep, strings(gold.getJsonArray("nextTime")));
  }

  private static List<String> strings(JsonArray a) {
    return a.stream().map(String::valueOf).toList();
  }
}
