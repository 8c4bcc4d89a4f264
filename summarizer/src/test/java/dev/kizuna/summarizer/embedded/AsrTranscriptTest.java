package dev.kizuna.summarizer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.summarizer.AgendaEntry;
import dev.kizuna.summarizer.Speaker;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.SummaryRequest;
import dev.kizuna.summarizer.Utterance;
import dev.kizuna.transcription.OfflineRecognition;
import dev.kizuna.transcription.SpeechClips;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosk.Model;

/**
 * The embedded summariser on text produced by the real transcription engine (Vosk, small English model,
 * offline over the shared clips): lower case, no punctuation, recognition errors.
 */
class AsrTranscriptTest {

  static Vertx vertx;
  static Summarizer summarizer;
  static Model model;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    summarizer = Summarizer.create(vertx, SummarizerOptions.embedded());
    model = OfflineRecognition.load(SpeechClips.englishModel());
  }

  @AfterAll
  static void stop() {
    model.close();
    summarizer.close();
    vertx.close().await();
  }

  static String transcribe(String clip) {
    return OfflineRecognition.transcribe(model, SpeechClips.clip(clip).pcm());
  }

  static Summary summarize(String transcript, String note) {
    long durationMs = transcript.split(" ").length * 400L;
    SummaryRequest request = new SummaryRequest("en", LocalDate.of(2026, 11, 20),
        List.of(new AgendaEntry("OTHER", "LISTEN", note)),
        List.of(new Utterance(Speaker.MEMBER, transcript, 0, durationMs)), "");
    return summarizer.summarize(request).await();
  }

  @Test
  void aSonnetReadAloudGivesDistinctPointsFromAcrossTheText() {
    String transcript = transcribe("en_librivox_sonnet001.wav");
    assertThat(transcript.split(" ")).hasSizeGreaterThan(60);

    Summary s = summarize(transcript, "beauty and time");
    List<String> points = s.items().get(0).points();
    System.out.println("sonnet points: " + points);

    assertThat(points).hasSizeBetween(2, 3).doesNotHaveDuplicates();
    List<Double> positions = points.stream().map(p -> positionIn(transcript, p)).toList();
    assertThat(positions).as("every point is a stretch of the transcript").allSatisfy(at -> assertThat(at).isNotNegative());
    assertThat(positions).as("not the first lines echoed").anySatisfy(at -> assertThat(at).isGreaterThan(0.2));
    assertThat(points).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(ExtractiveSummarizer.MAX_POINT_CHARS));
  }

  @Test
  void aShortSpeechWithoutPunctuationGivesOnePointFromIt() {
    String transcript = transcribe("en_jfk_ask_not.wav");

    Summary s = summarize(transcript, "what you can do for your country");

    assertThat(s.items().get(0).points()).hasSize(1);
    assertThat(positionIn(transcript, s.items().get(0).points().get(0))).isNotNegative();
    assertThat(s.commitments()).isEmpty();
  }

  /**
   * Where the point's opening words start in the transcript, as a fraction of its length; -1 when they are not
   * there. Fillers trimmed from the point do not matter: the small model writes none.
   */
  static double positionIn(String transcript, String point) {
    List<String> words = Sentences.englishWords(point);
    String opening = String.join(" ", words.subList(0, Math.min(4, words.size())));
    int at = transcript.toLowerCase().indexOf(opening);
    return at < 0 ? -1 : (double) at / transcript.length();
  }
}
