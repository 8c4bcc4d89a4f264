package dev.kizuna.server.cue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The current agenda item guessed from recogniser text, English and Japanese. */
class ItemInferenceTest {

  private static final List<AgendaItem> AGENDA = List.of(
      new AgendaItem(Topic.WORK, Expectation.ADVICE, "the Q3 release plan"),
      new AgendaItem(Topic.CONDITION, Expectation.LISTEN, null));

  private static ItemInference inference(String language) {
    return new ItemInference(AGENDA, ResourceBundle.getBundle("i18n.cues", Locale.forLanguageTag(language),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  @Test
  @DisplayName("topic words and the member's note point to their item; no match keeps the fallback")
  void english() {
    ItemInference inference = inference("en");
    assertThat(inference.best("i have been so tired lately and i am not sleeping well", 0)).isEqualTo(1);
    assertThat(inference.best("the release slipped again and the client is angry about the plan", 1)).isEqualTo(0);
    assertThat(inference.best("the network was down and the steam room closed", 1))
        .as("whole words only: network is not work, steam is not team").isEqualTo(1);
  }

  @Test
  @DisplayName("Japanese recogniser text, split into words by spaces, matches the topic words")
  void japanese() {
    ItemInference inference = inference("ja");
    assertThat(inference.best("最近 あまり 寝 られ なく て 体調 も いまいち で", 0)).isEqualTo(1);
    assertThat(inference.best("プロジェクト の 進捗 が 遅れ て い て 締め 切り が", 1)).isEqualTo(0);
  }
}
