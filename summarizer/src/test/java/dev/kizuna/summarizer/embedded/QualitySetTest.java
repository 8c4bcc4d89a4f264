package dev.kizuna.summarizer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.summarizer.Commitment;
import dev.kizuna.summarizer.ItemSummary;
import dev.kizuna.summarizer.QualitySet;
import dev.kizuna.summarizer.QualitySet.Conversation;
import dev.kizuna.summarizer.QualitySet.GoldPromise;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.SummarizerOptions;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.Utterance;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded summariser on the 12 hand-labelled conversations. Figures (written to
 * target/summary-quality.tsv, reported in docs/BENCHMARKS.md):
 *
 * <ul>
 *   <li>Promises: a produced commitment matches a gold promise when the owner is the same and the token F1 of
 *       their content words is at least {@value #PROMISE_MATCH_F1}; one-to-one, best pairs first. Recall and
 *       precision over all files; due accuracy = matched promises whose due date equals gold's (null included).
 *   <li>Key points: ROUGE-1 (Lin 2004) per agenda item, the produced points against the gold points of that
 *       item, unigrams (English lower-case words, Japanese Kuromoji morphemes), macro-averaged over items.
 *       Beside it the same for a "first lines" baseline: the first three substantial transcript sentences for
 *       every item.
 * </ul>
 */
class QualitySetTest {

  static final double PROMISE_MATCH_F1 = 0.25;
  static Vertx vertx;
  static Summarizer summarizer;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    summarizer = Summarizer.create(vertx, SummarizerOptions.embedded());
  }

  @AfterAll
  static void stop() {
    summarizer.close();
    vertx.close().await();
  }

  @Test
  void theEmbeddedSummariserFindsPromisesAndKeyPointsOnTheQualitySet() throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add("file\tgold_promises\tfound\tmatched\trecall\tprecision\tdue_correct\tdue_accuracy\t"
        + "rouge1_recall\trouge1_precision\trouge1_f1\tfirst_lines_rouge1_f1\tms");
    StringBuilder details = new StringBuilder();
    int gold = 0, found = 0, matched = 0, dueRight = 0;
    double[] rouge = new double[3];
    double baselineF1 = 0;
    int items = 0;
    for (Conversation c : QualitySet.all()) {
      long t0 = System.nanoTime();
      Summary s = summarizer.summarize(c.request()).await();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertMinimal(s, c);
      String lang = c.request().language();

      int[] m = matchPromises(s.commitments(), c.promises(), lang);
      gold += c.promises().size();
      found += s.commitments().size();
      matched += m[0];
      dueRight += m[1];

      double[] fileRouge = new double[3];
      double fileBaseline = 0;
      List<String> firstLines = firstLines(c);
      for (ItemSummary item : s.items()) {
        String reference = String.join(" ", c.keyPoints().stream()
            .filter(p -> p.agendaIndex() == item.agendaIndex()).map(QualitySet.GoldPoint::text).toList());
        double[] r = Overlap.rouge1(Overlap.words(String.join(" ", item.points()), lang), Overlap.words(reference, lang));
        double[] b = Overlap.rouge1(Overlap.words(String.join(" ", firstLines), lang), Overlap.words(reference, lang));
        for (int i = 0; i < 3; i++) {
          fileRouge[i] += r[i] / s.items().size();
          rouge[i] += r[i];
        }
        fileBaseline += b[2] / s.items().size();
        baselineF1 += b[2];
        items++;
      }
      rows.add(String.join("\t", c.id(), "" + c.promises().size(), "" + s.commitments().size(), "" + m[0],
          f(ratio(m[0], c.promises().size())), f(ratio(m[0], s.commitments().size())), "" + m[1],
          f(ratio(m[1], m[0])), f(fileRouge[0]), f(fileRouge[1]), f(fileRouge[2]), f(fileBaseline), "" + ms));
      details.append(describe(c, s));
    }
    double recall = ratio(matched, gold);
    double precision = ratio(matched, found);
    rows.add(String.join("\t", "all", "" + gold, "" + found, "" + matched, f(recall), f(precision), "" + dueRight,
        f(ratio(dueRight, matched)), f(rouge[0] / items), f(rouge[1] / items), f(rouge[2] / items),
        f(baselineF1 / items), ""));
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/summary-quality.tsv"), rows);
    Files.writeString(Path.of("target/summary-quality-details.txt"), details);
    rows.forEach(System.out::println);

    // floors a little below the measured figures (docs/BENCHMARKS.md), so that a regression shows
    assertThat(recall).as("promise recall").isGreaterThanOrEqualTo(0.70);
    assertThat(precision).as("promise precision").isGreaterThanOrEqualTo(0.65);
    assertThat(ratio(dueRight, matched)).as("due date accuracy of matched promises").isGreaterThanOrEqualTo(0.85);
    assertThat(rouge[2] / items).as("key point ROUGE-1 F1").isGreaterThanOrEqualTo(0.27)
        .isGreaterThan(2 * baselineF1 / items);
  }

  /** {matched, matched with the right due date}: owner equal, content token F1 at least the threshold. */
  static int[] matchPromises(List<Commitment> found, List<GoldPromise> gold, String lang) {
    List<double[]> pairs = new ArrayList<>();
    for (int f = 0; f < found.size(); f++) {
      for (int g = 0; g < gold.size(); g++) {
        if (found.get(f).owner() == gold.get(g).owner()) {
          double f1 = Overlap.tokenF1(Overlap.content(found.get(f).what(), lang), Overlap.content(gold.get(g).what(), lang));
          if (f1 >= PROMISE_MATCH_F1) {
            pairs.add(new double[] {f1, f, g});
          }
        }
      }
    }
    pairs.sort((a, b) -> Double.compare(b[0], a[0]));
    boolean[] fUsed = new boolean[found.size()];
    boolean[] gUsed = new boolean[gold.size()];
    int matched = 0, due = 0;
    for (double[] p : pairs) {
      int f = (int) p[1], g = (int) p[2];
      if (!fUsed[f] && !gUsed[g]) {
        fUsed[f] = gUsed[g] = true;
        matched++;
        due += Objects.equals(found.get(f).due(), gold.get(g).due()) ? 1 : 0;
      }
    }
    return new int[] {matched, due};
  }

  private static void assertMinimal(Summary s, Conversation c) {
    assertThat(s.producedBy()).isEqualTo("embedded");
    assertThat(s.items()).hasSize(c.request().agenda().size());
    boolean ja = c.request().language().equals("ja");
    for (ItemSummary item : s.items()) {
      assertThat(item.points()).as(c.id() + " item " + item.agendaIndex()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      for (String p : item.points()) {
        assertThat(p.length()).as(p).isLessThanOrEqualTo(ExtractiveSummarizer.MAX_POINT_CHARS);
        assertThat(p.codePoints().anyMatch(QualitySetTest::japanese)).as("language of " + p).isEqualTo(ja);
      }
    }
    assertThat(s.items().stream().flatMap(i -> i.points().stream()).distinct().count())
        .isEqualTo(s.items().stream().mapToLong(i -> i.points().size()).sum());
  }

  static boolean japanese(int cp) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
    return b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA
        || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS;
  }

  private static List<String> firstLines(Conversation c) {
    String lang = c.request().language();
    List<String> out = new ArrayList<>();
    for (Utterance u : c.request().utterances()) {
      for (String s : Sentences.split(u.text(), lang)) {
        String t = Sentences.trim(s, lang);
        boolean substantial = lang.equals("ja") ? t.length() >= 14 : t.split("\\s+").length >= 6;
        if (substantial && out.size() < 3) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static String describe(Conversation c, Summary s) {
    StringBuilder b = new StringBuilder("=== ").append(c.id()).append('\n');
    for (ItemSummary item : s.items()) {
      b.append("item ").append(item.agendaIndex()).append(' ').append(item.topic()).append('\n');
      item.points().forEach(p -> b.append("  - ").append(p).append('\n'));
      c.keyPoints().stream().filter(p -> p.agendaIndex() == item.agendaIndex())
          .forEach(p -> b.append("  gold ").append(p.text()).append('\n'));
    }
    s.commitments().forEach(p -> b.append("promise ").append(p).append('\n'));
    c.promises().forEach(p -> b.append("  gold ").append(p).append('\n'));
    b.append("keep ").append(s.keepInMind()).append("\n  gold ").append(c.keepInMind()).append('\n');
    b.append("next ").append(s.nextTopics()).append("\n  gold ").append(c.nextTime()).append('\n');
    return b.toString();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  private static String f(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }
}
