package dev.kizuna.server.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plain-text rendering of a shared memo, for summaries and sharing. */
class MemoRendererTest {

  private static JsonObject memo() {
    return new JsonObject()
        .put("schemaVersion", 1)
        .put("items", new JsonArray()
            .add(new JsonObject().put("topic", "CAREER").put("expectation", "THINK_TOGETHER").put("notes", "  Wants to lead a team.\n"))
            .add(new JsonObject().put("topic", "WORK").put("expectation", "ADVICE").put("notes", "")))
        .put("keepInMind", new JsonObject().put("member", "Ask for help earlier.").put("manager", ""))
        .put("nextTopics", "Conference budget")
        .put("promises", new JsonArray()
            .add(new JsonObject().put("id", "p1").put("owner", "MANAGER").put("what", "Share the team plan").put("due", "2026-12-01").put("done", false))
            .add(new JsonObject().put("id", "p2").put("owner", "MEMBER").put("what", "Draft the proposal").put("done", true))
            .add(new JsonObject().put("id", "p3").put("owner", "MEMBER").put("what", "  ").put("done", false)))
        .put("free", "");
  }

  @Test
  @DisplayName("sections with content appear in memo order with English headings; empty ones are left out")
  void englishText() {
    assertThat(MemoRenderer.toText(memo(), Locale.ENGLISH)).isEqualTo("""
        ## Future career (Think it through with me)
        Wants to lead a team.

        ## Keep in mind until next time (member)
        Ask for help earlier.

        ## Talk about next time
        Conference budget

        ## Promises
        [ ] Manager: Share the team plan (due 2026-12-01)
        [x] Member: Draft the proposal""");
  }

  @Test
  @DisplayName("a Japanese reader gets Japanese headings and labels")
  void japaneseText() {
    String text = MemoRenderer.toText(memo(), Locale.JAPANESE);

    assertThat(text).startsWith("## 今後のキャリア (一緒に考えてほしい)\nWants to lead a team.")
        .contains("## 次回までに意識すること（メンバー）")
        .contains("[ ] マネージャー: Share the team plan (期限 2026-12-01)");
  }

  @Test
  @DisplayName("the summary as the pair edited it comes first; the summariser's input leaves it out")
  void summaryFirstButNotInTheTypedText() {
    JsonObject memo = memo().put("summary", new JsonObject()
        .put("status", "accepted")
        .put("items", new JsonArray().add(new JsonObject().put("agendaIndex", 0).put("topic", "CAREER")
            .put("points", "Wants to lead a team within a year\n\nTry a stretch task first")))
        .put("promises", new JsonArray()
            .add(new JsonObject().put("owner", "MANAGER").put("what", "Find a stretch task").put("due", "2026-12-04"))
            .add(new JsonObject().put("owner", "MEMBER").put("what", "")))
        .put("keepInMind", new JsonObject().put("MEMBER", "Ask early").put("MANAGER", ""))
        .put("nextTopics", "Conference budget"));

    assertThat(MemoRenderer.toText(memo, Locale.ENGLISH)).startsWith("""
        ## Summary (accepted)
        - Future career: Wants to lead a team within a year
        - Future career: Try a stretch task first
        - Promise (Manager): Find a stretch task (due 2026-12-04)
        - Keep in mind: Ask early
        - Talk about next time: Conference budget

        ## Future career (Think it through with me)""");
    assertThat(MemoRenderer.typedText(memo, Locale.ENGLISH)).isEqualTo(MemoRenderer.toText(memo(), Locale.ENGLISH))
        .doesNotContain("Summary");
    assertThat(MemoRenderer.toText(memo, Locale.JAPANESE)).startsWith("## まとめ (確定)\n- 今後のキャリア: Wants to lead");
  }

  @Test
  @DisplayName("an empty memo renders as empty text")
  void emptyMemo() {
    assertThat(MemoRenderer.toText(new JsonObject(), Locale.ENGLISH)).isEmpty();
  }
}
