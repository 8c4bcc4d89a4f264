package dev.kizuna.server.hint;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hint library on a whole node: seeded from the shipped library once, editable by admins
 * (edits survive restarts), and the manager's prep view showing each agenda item's hints.
 */
class HintTest {

  private static final List<Hint> LIBRARY = HintLibrary.load();

  private static List<String> texts(List<Hint> hints) {
    return hints.stream().map(Hint::text).toList();
  }

  private static List<Hint> shipped(Topic topic, Expectation expectation, String language) {
    return LIBRARY.stream().filter(h -> h.kind() == HintKind.CELL && h.topic() == topic
        && h.expectation() == expectation && h.language().equals(language)).toList();
  }

  private static List<String> textsOf(JsonArray hints) {
    return hints.stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  private static JsonArray hints(Api api, String query) {
    var response = api.get("/api/hints" + query);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  @Test
  @DisplayName("the shipped library covers every topic x expectation cell with three hints in English and Japanese")
  void libraryCoversEveryCell() {
    for (String language : Hint.LANGUAGES) {
      for (Topic topic : Topic.values()) {
        for (Expectation expectation : Expectation.values()) {
          assertThat(shipped(topic, expectation, language)).as("%s x %s in %s", topic, expectation, language).hasSize(3);
        }
      }
    }
    assertThat(LIBRARY).filteredOn(h -> h.language().equals("ja"))
        .allSatisfy(h -> assertThat(h.text()).containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]"));
    assertThat(LIBRARY.stream().map(Hint::id).distinct().count()).isEqualTo(LIBRARY.size());
  }

  @Test
  @DisplayName("seeded once: a restart adds nothing, keeps an admin's edit and its source; only admins edit or add")
  void seededOnceAndEditable(@TempDir Path dataDir) {
    String id = "/api/hints/CONDITION.LISTEN.1/ja";
    try (KizunaNode first = new KizunaNode().dataDir(dataDir).start()) {
      Api admin = first.admin();
      assertThat(hints(admin, "")).hasSize(LIBRARY.size());
      assertThat(textsOf(hints(admin, "?kind=CELL&topic=CONDITION&expectation=LISTEN&language=ja")))
          .containsExactlyElementsOf(texts(shipped(Topic.CONDITION, Expectation.LISTEN, "ja")));

      var edited = admin.put(id, new JsonObject().put("text", "沈黙を恐れず、最後まで聴きましょう。").put("source", "HR team"));
      assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
      assertThat(edited.bodyAsJsonObject().getBoolean("edited")).isTrue();

      Api manager = first.login(first.createUser("Hint Manager", "MANAGER"));
      assertThat(manager.put(id, new JsonObject().put("text", "x")).statusCode()).isEqualTo(403);
      assertThat(manager.post("/api/hints", new JsonObject().put("kind", "CELL").put("topic", "WORK")
          .put("expectation", "LISTEN").put("language", "en").put("text", "x").put("source", "me")).statusCode())
          .isEqualTo(403);
      assertThat(admin.put("/api/hints/NO.SUCH.1/ja", new JsonObject().put("text", "x")).statusCode()).isEqualTo(404);
      assertThat(admin.put(id, new JsonObject().put("text", "x".repeat(501))).statusCode()).isEqualTo(400);
      assertThat(admin.post("/api/hints", new JsonObject().put("kind", "CELL").put("topic", "WORK")
          .put("language", "en").put("text", "no expectation").put("source", "HR team")).statusCode())
          .as("a cell hint needs its expectation").isEqualTo(400);

      var added = admin.post("/api/hints", new JsonObject().put("kind", "CELL").put("topic", "WORK")
          .put("expectation", "LISTEN").put("language", "en").put("text", "Summarise what you heard before moving on.")
          .put("source", "HR team"));
      assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
      assertThat(added.bodyAsJsonObject().getString("key")).startsWith("custom.");
    }
    try (KizunaNode second = new KizunaNode().dataDir(dataDir).start()) {
      Api admin = second.admin();
      assertThat(hints(admin, "")).as("the shipped library plus the admin's hint, nothing twice").hasSize(LIBRARY.size() + 1);
      JsonObject kept = hints(admin, "?kind=CELL&topic=CONDITION&expectation=LISTEN&language=ja").getJsonObject(0);
      assertThat(kept.getString("text")).isEqualTo("沈黙を恐れず、最後まで聴きましょう。");
      assertThat(kept.getString("source")).isEqualTo("HR team");
    }
  }

  @Test
  @DisplayName("prep: the manager sees each agenda item's hints in their (or the asked) language and icebreakers; the member and outsiders are refused")
  void prepShowsEachItemsHintsToTheManagerOnly() {
    try (KizunaNode node = new KizunaNode().start()) {
      Duo duo = node.duo();
      String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
      var agenda = duo.memberApi().put("/api/meetings/" + meetingId + "/agenda", new JsonObject().put("items", new JsonArray()
          .add(new JsonObject().put("topic", "CAREER").put("expectation", "THINK_TOGETHER").put("note", "lead or specialise?"))
          .add(new JsonObject().put("topic", "POLICY").put("expectation", "OPINION"))));
      assertThat(agenda.statusCode()).as(agenda.bodyAsString()).isEqualTo(200);

      var response = duo.managerApi().get("/api/meetings/" + meetingId + "/prep");
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject prep = response.bodyAsJsonObject();
      assertThat(prep.getString("language")).isEqualTo("en");
      JsonObject career = prep.getJsonArray("agenda").getJsonObject(0);
      assertThat(career.getString("note")).isEqualTo("lead or specialise?");
      assertThat(textsOf(career.getJsonArray("hints")))
          .containsExactlyElementsOf(texts(shipped(Topic.CAREER, Expectation.THINK_TOGETHER, "en")));
      assertThat(textsOf(prep.getJsonArray("agenda").getJsonObject(1).getJsonArray("hints")))
          .containsExactlyElementsOf(texts(shipped(Topic.POLICY, Expectation.OPINION, "en")));
      assertThat(prep.getJsonArray("hints")).hasSize(6);
      assertThat(prep.getJsonArray("icebreakers").stream().map(o -> ((JsonObject) o).getString("topic") + "/"
          + ((JsonObject) o).getString("time")).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("CAREER/PAST", "CAREER/PRESENT", "CAREER/FUTURE", "POLICY/PAST", "POLICY/PRESENT",
              "POLICY/FUTURE");

      JsonObject japanese = duo.managerApi().get("/api/meetings/" + meetingId + "/prep?language=ja").bodyAsJsonObject();
      assertThat(japanese.getString("language")).as("the browser's language wins over the locale").isEqualTo("ja");
      assertThat(textsOf(japanese.getJsonArray("agenda").getJsonObject(0).getJsonArray("hints")))
          .containsExactlyElementsOf(texts(shipped(Topic.CAREER, Expectation.THINK_TOGETHER, "ja")));
      assertThat(duo.managerApi().get("/api/meetings/" + meetingId + "/prep?language=fr").statusCode()).isEqualTo(400);

      assertThat(duo.memberApi().get("/api/meetings/" + meetingId + "/prep").statusCode()).isEqualTo(403);
      Api outsider = node.login(node.createUser("Prep Outsider", "MANAGER"));
      assertThat(outsider.get("/api/meetings/" + meetingId + "/prep").statusCode()).isEqualTo(403);
      assertThat(duo.managerApi().get("/api/meetings/no-such-meeting/prep").statusCode()).isEqualTo(404);
      assertThat(node.anonymous().get("/api/meetings/" + meetingId + "/prep").statusCode()).isEqualTo(401);
    }
  }
}
