package dev.kizuna.server.cue;

import static dev.kizuna.signaling.ParticipantRole.MANAGER;
import static dev.kizuna.signaling.ParticipantRole.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.cue.CueDetector.Spoken;
import dev.kizuna.signaling.ParticipantRole;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each cue on scripted transcripts (lower case, no punctuation, as the recogniser writes), and
 * the near misses that must not raise it. Times in ms from the meeting's start.
 */
class CueDetectorTest {

  private static final long HOUR = 3_600_000;

  /** Adds {@code script} (role, seconds from, seconds to, text) and returns the cues after the last line. */
  private static List<CueKind> run(String language, Expectation expectation, long itemSinceMs, int itemsLeft,
      long msLeft, Object... script) {
    CueDetector detector = new CueDetector(language);
    Spoken last = null;
    for (int i = 0; i < script.length; i += 4) {
      last = new Spoken((ParticipantRole) script[i], ((Number) script[i + 1]).longValue() * 1000,
          ((Number) script[i + 2]).longValue() * 1000, (String) script[i + 3]);
      detector.add(last);
    }
    return detector.check(last, expectation, itemSinceMs, itemsLeft, msLeft).stream().map(Detection::kind).toList();
  }

  @Test
  @DisplayName("LISTEN: the manager talking over 40% of the last three minutes is a cue; 30% is not")
  void talkShare() {
    assertThat(run("en", Expectation.LISTEN, 0, 1, HOUR,
        MEMBER, 0, 40, "so the release slipped again and i am tired of explaining it",
        MANAGER, 41, 75, "well when i had a release like that i spent weeks on it and what i learned was that"))
        .containsExactly(CueKind.TALK_SHARE);
    assertThat(run("en", Expectation.LISTEN, 0, 1, HOUR,
        MEMBER, 0, 70, "so the release slipped again and i am tired of explaining it",
        MANAGER, 71, 101, "that sounds exhausting tell me more about the last week"))
        .as("30%").isEmpty();
    assertThat(run("en", Expectation.OPINION, 0, 1, HOUR,
        MEMBER, 0, 40, "what do you think of the new process",
        MANAGER, 41, 75, "honestly i think it adds a step we do not need and here is why"))
        .as("they asked for an opinion: talking is fine").isEmpty();
    assertThat(run("en", Expectation.LISTEN, 0, 1, HOUR,
        MEMBER, 0, 5, "hi", MANAGER, 6, 14, "good morning how was your weekend"))
        .as("under 10 s of manager speech is too little to judge").isEmpty();
    assertThat(run("en", Expectation.LISTEN, 0, 1, HOUR,
        MANAGER, 0, 60, "a long story from the start of the meeting about my own first year",
        MEMBER, 200, 300, "and then the client called again and i did not know what to say",
        MANAGER, 301, 310, "that sounds hard"))
        .as("only the last three minutes count").isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}: \"{2}\" -> {3}")
  @CsvSource({
      "en, LISTEN, you should just tell the client no, true",
      "en, REPORT, have you tried splitting the task, true",
      "en, LISTEN, if i were you i would take a week off, true",
      "en, LISTEN, that sounds really hard, false",
      "en, ADVICE, you should just tell the client no, false",
      "ja, LISTEN, それ は 上司 に 相談 した ほう が いい よ, true",
      "ja, REPORT, 一度 やって みたら どう, true",
      "ja, LISTEN, それ は 大変 でし た ね, false"
  })
  @DisplayName("advice while the member asked to be listened to or wanted to report")
  void advicePhrases(String language, Expectation expectation, String managerLine, boolean cue) {
    List<CueKind> found = run(language, expectation, 0, 1, HOUR,
        MEMBER, 0, 60, "long story", MANAGER, 61, 64, managerLine);
    assertThat(found.contains(CueKind.ADVICE_PHRASE)).isEqualTo(cue);
    assertThat(run(language, expectation, 0, 1, HOUR, MANAGER, 0, 3, managerLine, MEMBER, 4, 9, managerLine))
        .as("the member's own words are never the manager's advice").doesNotContain(CueKind.ADVICE_PHRASE);
  }

  @Test
  @DisplayName("THINK_TOGETHER: two minutes of the manager talking without a question is a cue; a question resets it")
  void noQuestion() {
    assertThat(run("en", Expectation.THINK_TOGETHER, 0, 1, HOUR,
        MEMBER, 0, 30, "i am torn between staying in the team and moving to the platform group",
        MANAGER, 31, 90, "both are good options the platform group is growing and your team values you a lot",
        MEMBER, 91, 100, "right",
        MANAGER, 101, 130, "i think the platform work would stretch you in a good way"))
        .containsExactly(CueKind.NO_QUESTION);
    assertThat(run("en", Expectation.THINK_TOGETHER, 0, 1, HOUR,
        MEMBER, 0, 30, "i am torn between staying in the team and moving to the platform group",
        MANAGER, 31, 90, "both are good options what matters most to you in the next two years",
        MEMBER, 91, 100, "growth i guess",
        MANAGER, 101, 130, "i think the platform work would stretch you in a good way"))
        .as("a question 40 s ago").isEmpty();
    assertThat(run("ja", Expectation.THINK_TOGETHER, 0, 1, HOUR,
        MEMBER, 0, 30, "今 の チーム に 残る か 異動 する か 迷っ て い ます",
        MANAGER, 31, 90, "どちら も いい 選択肢 だ と 思い ます よ チーム も あなた を 頼り に し て い ます",
        MANAGER, 91, 130, "基盤 チーム の 仕事 は きっと 成長 に つながり ます"))
        .containsExactly(CueKind.NO_QUESTION);
    assertThat(run("ja", Expectation.THINK_TOGETHER, 0, 1, HOUR,
        MEMBER, 0, 30, "今 の チーム に 残る か 異動 する か 迷っ て い ます",
        MANAGER, 31, 90, "あなた に とって 一番 大事 な の は 何 です か",
        MANAGER, 91, 130, "基盤 チーム の 仕事 は きっと 成長 に つながり ます"))
        .as("何ですか is a question").isEmpty();
  }

  @Test
  @DisplayName("time left: under two minutes per item left is a cue")
  void timeLeft() {
    assertThat(run("en", Expectation.OPINION, 0, 3, 5 * 60_000, MEMBER, 0, 5, "and the next thing"))
        .containsExactly(CueKind.TIME_LEFT);
    assertThat(run("en", Expectation.OPINION, 0, 2, 5 * 60_000, MEMBER, 0, 5, "and the next thing")).isEmpty();
    assertThat(run("en", Expectation.OPINION, 0, 1, -60_000, MEMBER, 0, 5, "one more thing"))
        .as("over time").containsExactly(CueKind.TIME_LEFT);
  }

  @Test
  @DisplayName("the throttle shows the same cue at most every two minutes and any two cues 20 s apart")
  void throttle() {
    CueThrottle throttle = new CueThrottle();
    assertThat(throttle.allow(CueKind.TALK_SHARE, 60_000)).isTrue();
    assertThat(throttle.allow(CueKind.TIME_LEFT, 70_000)).as("10 s after another cue").isFalse();
    assertThat(throttle.allow(CueKind.TIME_LEFT, 81_000)).isTrue();
    assertThat(throttle.allow(CueKind.TALK_SHARE, 170_000)).as("110 s after the same cue").isFalse();
    assertThat(throttle.allow(CueKind.TALK_SHARE, 181_000)).isTrue();
  }
}
