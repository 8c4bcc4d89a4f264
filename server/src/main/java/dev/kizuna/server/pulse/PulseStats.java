package dev.kizuna.server.pulse;

import dev.kizuna.server.analytics.Satisfaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Running totals of the anonymous pulse answers of one group. */
final class PulseStats {

  private int responses;
  private long growth;
  private long condition;
  private long stage;
  private int belowHonestTalkLine;
  private final Map<String, int[]> choices = new HashMap<>();
  private final Map<String, List<String>> texts = new HashMap<>();

  /** Adds one stored anonymous answer {@code {growth, condition, stage, answers}}. */
  void add(JsonObject response, Map<String, PulseQuestion> questions) {
    responses++;
    growth += response.getInteger("growth");
    condition += response.getInteger("condition");
    int s = response.getInteger("stage");
    stage += s;
    if (s < PulseResponse.HONEST_TALK_STAGE) {
      belowHonestTalkLine++;
    }
    for (Object o : response.getJsonArray("answers", new JsonArray())) {
      JsonObject answer = (JsonObject) o;
      PulseQuestion question = questions.get(answer.getString("questionId"));
      Integer choice = answer.getInteger("choice");
      // Answers to removed questions, or choices beyond an edited question's options, no longer count.
      if (question == null) {
        continue;
      }
      if (question.kind() == PulseQuestion.Kind.CHOICE && choice != null && choice < question.options().size()) {
        choices.computeIfAbsent(question.id(), id -> new int[question.options().size()])[choice]++;
      } else if (question.kind() == PulseQuestion.Kind.TEXT && answer.getString("text") != null) {
        texts.computeIfAbsent(question.id(), id -> new ArrayList<>()).add(answer.getString("text"));
      }
    }
  }

  int responses() {
    return responses;
  }

  /** Adds {@code other}'s scores (not the custom answers) to these. */
  void addScores(PulseStats other) {
    responses += other.responses;
    growth += other.growth;
    condition += other.condition;
    stage += other.stage;
    belowHonestTalkLine += other.belowHonestTalkLine;
  }

  Satisfaction satisfaction() {
    return new Satisfaction("pulse", responses, mean(growth), mean(condition), mean(stage),
        mean(belowHonestTalkLine));
  }

  private double mean(long sum) {
    return responses == 0 ? 0 : (double) sum / responses;
  }

  /**
   * {@code {responses, growth, condition, stage, belowHonestTalkLine, questions:[{id, kind,
   * counts?, texts?}]}}; free texts sorted, so their order says nothing about who wrote them.
   */
  JsonObject toJson(List<PulseQuestion> questions) {
    JsonArray custom = new JsonArray();
    for (PulseQuestion question : questions) {
      JsonObject json = new JsonObject().put("id", question.id()).put("kind", question.kind().name());
      if (question.kind() == PulseQuestion.Kind.CHOICE) {
        int[] counts = choices.getOrDefault(question.id(), new int[question.options().size()]);
        JsonArray list = new JsonArray();
        for (int count : counts) {
          list.add(count);
        }
        json.put("counts", list);
      } else {
        json.put("texts", new JsonArray(texts.getOrDefault(question.id(), List.of()).stream().sorted().toList()));
      }
      custom.add(json);
    }
    Satisfaction scores = satisfaction();
    return scores.toJson().put("questions", custom);
  }
}
