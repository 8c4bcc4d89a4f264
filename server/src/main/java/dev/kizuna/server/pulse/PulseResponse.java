package dev.kizuna.server.pulse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One member's monthly pulse: how much they feel they grow, their condition, the relationship
 * stage they perceive with their manager (DOMAIN.md: 0 below wary .. 16 better outcomes; 9 is
 * the "honest talk line"), and answers to the admin's custom questions.
 *
 * @param month the calendar month (UTC) it belongs to
 * @param growth growth feeling, {@value #MIN_SCALE} (not at all) .. {@value #MAX_SCALE} (strongly)
 * @param condition physical and mental condition, {@value #MIN_SCALE} (poor) .. {@value #MAX_SCALE} (very good)
 * @param stage relationship stage {@value #MIN_STAGE}..{@value #MAX_STAGE}
 * @param answers answers to custom questions, each question at most once (skipping is allowed)
 */
public record PulseResponse(YearMonth month, int growth, int condition, int stage, List<Answer> answers) {

  public static final int MIN_SCALE = 1;
  public static final int MAX_SCALE = 5;
  public static final int MIN_STAGE = 0;
  public static final int MAX_STAGE = 16;
  /** Stages below this sit under the honest talk line (about 70% of pairs, DOMAIN.md). */
  public static final int HONEST_TALK_STAGE = 9;
  /** Longest free-text answer, in characters. */
  public static final int MAX_ANSWER = 1000;

  /**
   * An answer to a custom question: {@code choice} (0-based option index) for a CHOICE question,
   * {@code text} for a TEXT one.
   */
  public record Answer(String questionId, Integer choice, String text) {

    /** {@code {questionId, choice?, text?}}. */
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("questionId", questionId);
      if (choice != null) {
        json.put("choice", choice);
      }
      if (text != null) {
        json.put("text", text);
      }
      return json;
    }

    static Answer fromJson(JsonObject json) {
      String text = json.getString("text");
      return new Answer(json.getString("questionId"), json.getInteger("choice"), text == null ? null : text.strip());
    }
  }

  public PulseResponse {
    Objects.requireNonNull(month, "month");
    answers = List.copyOf(answers);
    check(growth, MIN_SCALE, MAX_SCALE, "growth");
    check(condition, MIN_SCALE, MAX_SCALE, "condition");
    check(stage, MIN_STAGE, MAX_STAGE, "stage");
  }

  private static void check(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max);
    }
  }

  /**
   * Reads {@code {growth, condition, stage, answers?:[{questionId, choice?, text?}]}} for {@code month}.
   *
   * @throws IllegalArgumentException when a value is out of range
   */
  public static PulseResponse fromJson(YearMonth month, JsonObject json) {
    List<Answer> answers = json.getJsonArray("answers", new JsonArray()).stream()
        .map(o -> Answer.fromJson((JsonObject) o))
        .toList();
    return new PulseResponse(month, json.getInteger("growth"), json.getInteger("condition"), json.getInteger("stage"),
        answers);
  }

  /**
   * Checks the custom answers against the questions asked now.
   *
   * @throws IllegalArgumentException naming the first answer that does not fit: an unknown
   *     question, a question answered twice, a choice out of range or text for a choice, or a
   *     blank or too-long text
   */
  public void checkAgainst(List<PulseQuestion> questions) {
    Map<String, PulseQuestion> byId = questions.stream().collect(Collectors.toMap(PulseQuestion::id, Function.identity()));
    Set<String> seen = new HashSet<>();
    for (Answer answer : answers) {
      PulseQuestion question = byId.get(answer.questionId());
      if (question == null) {
        throw new IllegalArgumentException("no current question " + answer.questionId());
      }
      if (!seen.add(answer.questionId())) {
        throw new IllegalArgumentException("question " + answer.questionId() + " is answered twice");
      }
      if (question.kind() == PulseQuestion.Kind.CHOICE) {
        if (answer.choice() == null || answer.text() != null
            || answer.choice() < 0 || answer.choice() >= question.options().size()) {
          throw new IllegalArgumentException("question " + answer.questionId() + " takes a choice 0.."
              + (question.options().size() - 1));
        }
      } else if (answer.choice() != null || answer.text() == null || answer.text().isEmpty()
          || answer.text().codePointCount(0, answer.text().length()) > MAX_ANSWER) {
        throw new IllegalArgumentException("question " + answer.questionId() + " takes a text of 1 to " + MAX_ANSWER
            + " characters");
      }
    }
  }

  /** The scores and answers without month or identity: {@code {growth, condition, stage, answers}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("growth", growth)
        .put("condition", condition)
        .put("stage", stage)
        .put("answers", new JsonArray(answers.stream().map(Answer::toJson).toList()));
  }
}
