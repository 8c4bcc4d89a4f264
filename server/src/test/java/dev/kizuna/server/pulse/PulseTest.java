package dev.kizuna.server.pulse;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monthly pulse on a whole node: once per member and month, validated answers, a history
 * only its member reads, the admin's custom questions and their limits, and anonymous aggregates
 * that show only groups of at least three answerers.
 */
class PulseTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static JsonObject pulse(int growth, int condition, int stage) {
    return new JsonObject().put("growth", growth).put("condition", condition).put("stage", stage);
  }

  private static JsonObject choiceQuestion(String en, String ja, String... options) {
    JsonArray opts = new JsonArray();
    for (String option : options) {
      opts.add(new JsonObject().put("en", option));
    }
    return new JsonObject().put("kind", "CHOICE").put("text", new JsonObject().put("en", en).put("ja", ja))
        .put("options", opts);
  }

  private static JsonObject textQuestion(String ja) {
    return new JsonObject().put("kind", "TEXT").put("text", new JsonObject().put("ja", ja));
  }

  private static JsonArray putQuestions(Api admin, JsonObject... questions) {
    var response = admin.put("/api/pulse/questions", new JsonObject().put("questions", new JsonArray(List.of((Object[]) questions))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("questions");
  }

  private static Api member(KizunaNode on, String unit) {
    return on.login(on.createUser("Pulse Member", "en", unit, new String[] {"MEMBER"}));
  }

  @Test
  @DisplayName("a member answers once a month (the second answer is 409) and only they read their history")
  void oncePerMonthAndHistoryIsPrivate() {
    Api member = member(node, "Sales/East");
    Api other = member(node, "Sales/East");
    String month = YearMonth.now(ZoneOffset.UTC).toString();
    assertThat(member.get("/api/me/pulse").bodyAsJsonObject().getBoolean("answered")).isFalse();

    var first = member.post("/api/me/pulse", pulse(4, 3, 9));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("month")).isEqualTo(month);
    assertProblem(member.post("/api/me/pulse", pulse(1, 1, 1)), 409);

    JsonObject mine = member.get("/api/me/pulse").bodyAsJsonObject();
    assertThat(mine.getString("month")).isEqualTo(month);
    assertThat(mine.getBoolean("answered")).isTrue();
    assertThat(mine.getJsonArray("history")).hasSize(1);
    JsonObject entry = mine.getJsonArray("history").getJsonObject(0);
    assertThat(List.of(entry.getInteger("growth"), entry.getInteger("condition"), entry.getInteger("stage")))
        .as("the first answer is kept, the refused one changed nothing").containsExactly(4, 3, 9);

    JsonObject theirs = other.get("/api/me/pulse").bodyAsJsonObject();
    assertThat(theirs.getBoolean("answered")).isFalse();
    assertThat(theirs.getJsonArray("history")).isEmpty();
    assertThat(node.admin().get("/api/me/pulse").bodyAsJsonObject().getJsonArray("history"))
        .as("an admin reads only their own history too").isEmpty();
  }

  @Test
  @DisplayName("scores out of range, unknown or repeated questions and answers of the wrong kind are refused with 400")
  void answersAreValidated() {
    JsonArray questions = putQuestions(node.admin(),
        choiceQuestion("How clear are your goals?", "目標は明確ですか?", "unclear", "somewhat", "clear"),
        textQuestion("最近うれしかったことは?"));
    String choice = questions.getJsonObject(0).getString("id");
    String text = questions.getJsonObject(1).getString("id");
    Api member = member(node, "");

    List<JsonObject> refused = List.of(
        pulse(0, 3, 5), pulse(6, 3, 5), pulse(3, 0, 5), pulse(3, 3, -1), pulse(3, 3, 17),
        new JsonObject().put("growth", 3).put("condition", 3),
        pulse(3, 3, 5).put("mood", "fine"),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", "nope").put("choice", 0))),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", choice).put("choice", 3))),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", choice).put("text", "clear"))),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", text).put("choice", 1))),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", text).put("text", "   "))),
        pulse(3, 3, 5).put("answers", new JsonArray().add(new JsonObject().put("questionId", text).put("text", "x".repeat(1001)))),
        pulse(3, 3, 5).put("answers", new JsonArray()
            .add(new JsonObject().put("questionId", choice).put("choice", 1))
            .add(new JsonObject().put("questionId", choice).put("choice", 2))));
    for (JsonObject body : refused) {
      assertProblem(member.post("/api/me/pulse", body), 400);
    }
    assertThat(member.get("/api/me/pulse").bodyAsJsonObject().getJsonArray("history")).as("nothing stored").isEmpty();

    var accepted = member.post("/api/me/pulse", pulse(5, 4, 16).put("answers", new JsonArray()
        .add(new JsonObject().put("questionId", choice).put("choice", 2))
        .add(new JsonObject().put("questionId", text).put("text", "チームで賞をもらった"))));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
    JsonArray answers = member.get("/api/me/pulse").bodyAsJsonObject().getJsonArray("history").getJsonObject(0)
        .getJsonArray("answers");
    assertThat(answers.getJsonObject(0).getJsonObject("question").getString("ja")).isEqualTo("目標は明確ですか?");
    assertThat(answers.getJsonObject(0).getJsonObject("option").getString("en")).isEqualTo("clear");
    assertThat(answers.getJsonObject(1).getString("text")).isEqualTo("チームで賞をもらった");
  }

  @Test
  @DisplayName("admins set up to 10 custom questions (free text, or a choice of 2 to 8 options) in en and/or ja; others get 403")
  void customQuestionsAreLimited() {
    Api admin = node.admin();
    JsonObject[] ten = IntStream.range(0, 10).mapToObj(i -> textQuestion("質問" + i)).toArray(JsonObject[]::new);
    assertThat(putQuestions(admin, ten)).hasSize(10);

    List<JsonObject> refused = new ArrayList<>(List.of(
        new JsonObject().put("questions", new JsonArray(new ArrayList<>(List.of((Object[]) ten))).add(textQuestion("11"))),
        new JsonObject().put("questions", new JsonArray().add(choiceQuestion("one option", "一つ", "only"))),
        new JsonObject().put("questions", new JsonArray().add(choiceQuestion("nine", "九", "1", "2", "3", "4", "5", "6", "7", "8", "9"))),
        new JsonObject().put("questions", new JsonArray().add(textQuestion("text").put("options",
            new JsonArray().add(new JsonObject().put("en", "a")).add(new JsonObject().put("en", "b"))))),
        new JsonObject().put("questions", new JsonArray().add(new JsonObject().put("kind", "TEXT").put("text", new JsonObject()))),
        new JsonObject().put("questions", new JsonArray().add(new JsonObject().put("kind", "TEXT")
            .put("text", new JsonObject().put("fr", "Comment ça va ?")))),
        new JsonObject().put("questions", new JsonArray().add(new JsonObject().put("kind", "TEXT")
            .put("text", new JsonObject().put("en", "   ")))),
        new JsonObject().put("questions", new JsonArray().add(new JsonObject().put("kind", "TEXT")
            .put("text", new JsonObject().put("en", "x".repeat(301))))),
        new JsonObject().put("questions", new JsonArray().add(textQuestion("誰?").put("id", "not-a-current-id"))),
        new JsonObject().put("questions", new JsonArray().add(new JsonObject().put("kind", "SCALE")
            .put("text", new JsonObject().put("en", "scale"))))));
    for (JsonObject body : refused) {
      assertProblem(admin.put("/api/pulse/questions", body), 400);
    }
    assertThat(node.login(node.createUser("Reader", "MEMBER")).get("/api/pulse/questions").bodyAsJsonObject()
        .getJsonArray("questions")).as("refused edits changed nothing").hasSize(10);

    JsonArray kept = putQuestions(admin, ten[0].copy().put("id", putQuestions(admin, ten[0]).getJsonObject(0).getString("id")),
        choiceQuestion("Workload?", "業務量は?", "light", "right", "heavy"));
    assertThat(kept).hasSize(2);
    assertThat(kept.getJsonObject(1).getJsonArray("options")).hasSize(3);
    assertThat(putQuestions(admin, kept.getJsonObject(0).copy())).extracting(o -> ((JsonObject) o).getString("id"))
        .as("a named current question keeps its id").containsExactly(kept.getJsonObject(0).getString("id"));

    for (String role : new String[] {"MEMBER", "MANAGER", "HR"}) {
      assertProblem(node.login(node.createUser("Not Admin " + role, role)).put("/api/pulse/questions",
          new JsonObject().put("questions", new JsonArray())), 403);
    }
    putQuestions(admin);
  }

  @Test
  @DisplayName("aggregates show a group only with 3+ answerers and never a parent whose rest outside its shown units is 1 or 2; stored answers carry no identity")
  void aggregatesKeepAnonymity() {
    try (KizunaNode own = new KizunaNode().start()) {
      Api admin = own.admin();
      String choice = putQuestions(admin, choiceQuestion("Workload?", "業務量は?", "light", "right", "heavy"))
          .getJsonObject(0).getString("id");
      // unit, growth, condition, stage, workload choice
      List<Object[]> seeded = new ArrayList<>(List.of(
          new Object[] {"Sales/East", 4, 2, 8, 0}, new Object[] {"Sales/East", 5, 3, 10, 2},
          new Object[] {"Sales/East", 3, 4, 12, 2},
          new Object[] {"Sales/West", 1, 1, 1, 1}, new Object[] {"Sales/West", 2, 5, 3, 1},
          new Object[] {"Engineering", 3, 3, 9, 0}, new Object[] {"Engineering", 4, 4, 4, 1},
          new Object[] {"Engineering", 2, 5, 14, 1},
          new Object[] {"", 5, 5, 16, 2}));
      seeded.forEach(row -> answer(own, row, choice));
      String month = YearMonth.now(ZoneOffset.UTC).toString();

      Map<String, JsonObject> groups = aggregate(admin, month);
      // Sales/West has 2 answerers: hidden. Sales has 5, but 5 - 3 (Sales/East) = 2 would be
      // Sales/West again: hidden. The organisation's rest is Sales/West's 2 + the unit-less 1 = 3.
      assertThat(groups.keySet()).containsExactlyInAnyOrder("ORGANISATION:", "TOP:Engineering", "UNIT:Sales/East");
      assertGroup(groups.get("UNIT:Sales/East"), seeded.stream().filter(r -> r[0].equals("Sales/East")).toList());
      assertGroup(groups.get("TOP:Engineering"), seeded.stream().filter(r -> r[0].equals("Engineering")).toList());
      assertGroup(groups.get("ORGANISATION:"), seeded);

      Object[] third = {"Sales/West", 4, 4, 10, 0};
      answer(own, third, choice);
      seeded.add(third);
      groups = aggregate(own.login(own.createUser("Hr Hana", "HR")), month);
      // Now every unit shows, and the organisation's rest outside them is the one unit-less
      // answer: the organisation is hidden, or subtracting would reveal that answer.
      assertThat(groups.keySet()).containsExactlyInAnyOrder("TOP:Engineering", "TOP:Sales", "UNIT:Sales/East",
          "UNIT:Sales/West");
      assertGroup(groups.get("TOP:Sales"), seeded.stream().filter(r -> r[0].toString().startsWith("Sales/")).toList());
      assertGroup(groups.get("UNIT:Sales/West"), seeded.stream().filter(r -> r[0].equals("Sales/West")).toList());

      List<JsonObject> stored = await(own.store().client().find("pulse_responses", new JsonObject()));
      assertThat(stored).hasSize(seeded.size()).allSatisfy(doc -> assertThat(doc.fieldNames())
          .containsExactlyInAnyOrder("_id", "month", "unit", "growth", "condition", "stage", "answers", "schemaVersion"));

      assertThat(aggregate(admin, "2001-01").values()).as("a month without answers").isEmpty();
      assertProblem(admin.get("/api/pulse/aggregate?month=2026-13"), 400);
      assertProblem(admin.get("/api/pulse/aggregate"), 400);
      for (String role : new String[] {"MEMBER", "MANAGER"}) {
        assertProblem(own.login(own.createUser("No Aggregate " + role, role)).get("/api/pulse/aggregate?month=" + month), 403);
      }
    }
  }

  private static void answer(KizunaNode on, Object[] row, String choiceQuestion) {
    var response = member(on, (String) row[0]).post("/api/me/pulse", pulse((int) row[1], (int) row[2], (int) row[3])
        .put("answers", new JsonArray().add(new JsonObject().put("questionId", choiceQuestion).put("choice", row[4]))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static Map<String, JsonObject> aggregate(Api api, String month) {
    var response = api.get("/api/pulse/aggregate?month=" + month);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getInteger("minAnswerers")).isEqualTo(3);
    Map<String, JsonObject> byKey = new java.util.HashMap<>();
    response.bodyAsJsonObject().getJsonArray("groups").forEach(o -> {
      JsonObject g = (JsonObject) o;
      byKey.put(g.getString("level") + ":" + g.getString("unit"), g);
    });
    return byKey;
  }

  private static void assertGroup(JsonObject group, List<Object[]> rows) {
    assertThat(group.getInteger("responses")).isEqualTo(rows.size());
    assertThat(group.getDouble("growth")).isCloseTo(rows.stream().mapToInt(r -> (int) r[1]).average().orElseThrow(), within(1e-9));
    assertThat(group.getDouble("condition")).isCloseTo(rows.stream().mapToInt(r -> (int) r[2]).average().orElseThrow(), within(1e-9));
    assertThat(group.getDouble("stage")).isCloseTo(rows.stream().mapToInt(r -> (int) r[3]).average().orElseThrow(), within(1e-9));
    assertThat(group.getDouble("belowHonestTalkLine"))
        .isCloseTo(rows.stream().filter(r -> (int) r[3] < 9).count() / (double) rows.size(), within(1e-9));
    List<Integer> counts = IntStream.range(0, 3).mapToObj(i -> (int) rows.stream().filter(r -> (int) r[4] == i).count()).toList();
    assertThat(group.getJsonArray("questions").getJsonObject(0).getJsonArray("counts").getList()).isEqualTo(counts);
  }
}
