package dev.kizuna.summarizer.embedded;

import dev.kizuna.summarizer.AgendaEntry;
import dev.kizuna.summarizer.Commitment;
import dev.kizuna.summarizer.ItemSummary;
import dev.kizuna.summarizer.Speaker;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.SummaryRequest;
import dev.kizuna.summarizer.Utterance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The embedded summariser: extractive, no LLM server.
 *
 * <ol>
 *   <li>Transcript utterances are split into sentences; back-channels and very short sentences are dropped.
 *   <li>The closing exchange (the first "keep in mind" / "next time" / "まとめ" cue in the last 40%) is set
 *       apart: it gives keep-in-mind lines and next topics, not key points.
 *   <li>Sentences get vectors ({@link Vectors}) and are assigned to agenda items by dynamic programming over
 *       the conversation in order (items are discussed in agenda order, after some small talk): each item
 *       is represented by its topic label and note, then by that plus the centroid of the stretch assigned to
 *       it, and the assignment is redone once.
 *   <li>Per item, sentences from the transcript and the typed memo are ranked by TextRank centrality within
 *       the item, similarity to the item, and, for spoken sentences, agreement with the memo; up to three
 *       are chosen by maximal marginal relevance (Carbonell and Goldstein 1998) and shortened.
 *   <li>Commitments come from {@link Commitments}, their due dates from {@link DueDates}.
 * </ol>
 */
public final class ExtractiveSummarizer implements Summarizer {

  /** The most key points per agenda item. */
  public static final int MAX_POINTS = 3;
  /** The longest key point, characters. */
  public static final int MAX_POINT_CHARS = 160;

  private static final Map<String, String> TOPIC_EN = Map.of(
      "WORK", "Work progress and ways of working", "RELATIONSHIPS", "Relationships at work",
      "CONDITION", "Physical and mental condition, health", "CAREER", "Future career",
      "SKILLS", "Skills and growth", "PRIVATE", "Private life, family", "POLICY", "Company or department policy",
      "OTHER", "");
  private static final Map<String, String> TOPIC_JA = Map.of(
      "WORK", "業務の進捗や進め方", "RELATIONSHIPS", "職場の人間関係", "CONDITION", "心身の状態",
      "CAREER", "今後のキャリア", "SKILLS", "スキルや力の向上", "PRIVATE", "プライベート",
      "POLICY", "会社や部署の方針", "OTHER", "");
  private static final Pattern CLOSING_EN =
      Pattern.compile("(?i)\\b(wrap up|let's wrap|keep in mind|until next time|next time|to sum up|before we finish)\\b");
  private static final Pattern CLOSING_JA = Pattern.compile("まとめ|心にとめ|心に留め|次回|次までに|意識して");
  // the manager reading the agenda out ("Your first topic is checkout"): similar to the item, but no content
  private static final Pattern AGENDA_TALK = Pattern.compile(
      "(?i)\\b(topics?|agenda|you picked|you want (concrete )?(advice|opinion)|let's go to|switch to)\\b|テーマ|一つ目|二つ目|三つ目|トピック");
  private static final Pattern KEEP_EN = Pattern.compile("(?i)keep in mind|remember|pay attention|focus on");
  private static final Pattern KEEP_JA = Pattern.compile("心にとめ|心に留め|意識|気をつけ|覚えて");
  private static final Pattern NEXT_EN = Pattern.compile(
      "(?i)^.*?\\bnext time\\b[,:]?\\s*(let's\\s+|we should\\s+|we can\\s+)?(talk about|discuss|look at|go over|cover|review)?\\s*");
  private static final Pattern NEXT_JA = Pattern.compile("^.*?次回(まで)?(は|に)?[、：:]?");
  private static final Pattern MEMO_NEXT = Pattern.compile("(?i)^\\s*(next( time)?|次回)\\s*[:：]\\s*");
  private static final Pattern MEMO_LABEL = Pattern.compile("^[^:：]{1,20}[:：]\\s*");
  private static final Pattern KEEP_LEAD_EN = Pattern.compile(
      "(?i)^(for me,?\\s*|on my side,?\\s*)?(I'll|I will|I want to|I'd like to)?\\s*(keep in mind|remember)\\s*(to|that)?\\s*");
  private static final Pattern KEEP_LEAD_JA = Pattern.compile("^(私|僕|俺|自分)(のほう|の方)?(は|も)、?");

  private final WorkerExecutor executor;

  /** An embedded summariser doing its work on a worker pool of {@code poolSize} threads. */
  public ExtractiveSummarizer(Vertx vertx, int poolSize) {
    this.executor = vertx.createSharedWorkerExecutor("kizuna-summarizer", poolSize);
  }

  @Override
  public Future<Summary> summarize(SummaryRequest request) {
    return executor.executeBlocking(() -> summarizeNow(request), false);
  }

  @Override
  public void close() {
    executor.close();
  }

  /** The summary of {@code request}, on the calling thread (a worker: this blocks for the embedding). */
  public Summary summarizeNow(SummaryRequest request) {
    return new Run(request).summary();
  }

  /** A spoken or typed sentence. {@code utterance} is -1 for memo sentences. */
  private record Sentence(int utterance, Speaker speaker, String raw, String point, double position) {

    boolean fromMemo() {
      return utterance < 0;
    }
  }

  private static final class Run {
    final SummaryRequest req;
    final String lang;
    final boolean ja;
    final int closingFrom;

    Run(SummaryRequest req) {
      this.req = req;
      this.lang = req.language();
      this.ja = lang.equals("ja");
      this.closingFrom = closingUtterance();
    }

    Summary summary() {
      List<Commitment> commitments = Commitments.detect(req.utterances(), lang, req.meetingDate(), closingFrom);
      List<Sentence> spoken = spokenSentences();
      List<Sentence> memo = memoSentences();
      List<String> labels = req.agenda().stream().map(this::label).toList();
      List<String> texts = new ArrayList<>(labels);
      spoken.forEach(s -> texts.add(s.raw()));
      memo.forEach(s -> texts.add(s.raw()));
      float[][] all = Vectors.of(texts, lang);
      int k = labels.size();
      List<float[]> labelVectors = List.of(all).subList(0, k);
      List<float[]> spokenVectors = List.of(all).subList(k, k + spoken.size());
      List<float[]> memoVectors = List.of(all).subList(k + spoken.size(), all.length);

      int[] item = assign(spokenVectors, labelVectors);
      List<float[]> itemVectors = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        List<float[]> members = new ArrayList<>(List.of(labelVectors.get(a)));
        List<Double> weights = new ArrayList<>(List.of(1.0));
        for (int i = 0; i < item.length; i++) {
          if (item[i] == a) {
            members.add(spokenVectors.get(i));
            weights.add(1.0 / Math.max(1, count(item, a)));
          }
        }
        itemVectors.add(Vectors.centroid(members, weights));
      }
      item = assign(spokenVectors, itemVectors);

      List<ItemSummary> items = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        List<Sentence> pool = new ArrayList<>();
        List<float[]> poolVectors = new ArrayList<>();
        for (int i = 0; i < spoken.size(); i++) {
          if (item[i] == a && candidate(spoken.get(i))) {
            pool.add(spoken.get(i));
            poolVectors.add(spokenVectors.get(i));
          }
        }
        for (int m = 0; m < memo.size(); m++) {
          if (closest(memoVectors.get(m), itemVectors) == a) {
            pool.add(memo.get(m));
            poolVectors.add(memoVectors.get(m));
          }
        }
        items.add(new ItemSummary(a, req.agenda().get(a).topic(), choose(pool, poolVectors, itemVectors.get(a), memoVectors)));
      }
      return new Summary(items, commitments, keepInMind(), nextTopics(), "embedded");
    }

    private String label(AgendaEntry e) {
      String topic = (ja ? TOPIC_JA : TOPIC_EN).getOrDefault(e.topic(), e.topic());
      return (topic + (ja ? "。" : ". ") + (e.note() == null ? "" : e.note())).strip();
    }

    /** The first utterance of the closing exchange, in the last 40% of the meeting; size() when none. */
    private int closingUtterance() {
      List<Utterance> us = req.utterances();
      Pattern cue = ja ? CLOSING_JA : CLOSING_EN;
      for (int i = (int) (us.size() * 0.6); i < us.size(); i++) {
        if (cue.matcher(us.get(i).text()).find()) {
          return i;
        }
      }
      return us.size();
    }

    private List<Sentence> spokenSentences() {
      List<Sentence> out = new ArrayList<>();
      List<Utterance> us = req.utterances();
      for (int i = 0; i < Math.min(closingFrom, us.size()); i++) {
        Utterance u = us.get(i);
        for (String s : Sentences.split(u.text(), lang)) {
          String point = Sentences.trim(s, lang);
          if (substantial(point, 3, 6)) {
            out.add(new Sentence(i, u.speaker(), s, point, (double) i / us.size()));
          }
        }
      }
      return out;
    }

    private List<Sentence> memoSentences() {
      List<Sentence> out = new ArrayList<>();
      for (String line : req.memoText().split("\\n+")) {
        if (line.isBlank() || MEMO_NEXT.matcher(line).find()) {
          continue;
        }
        String body = MEMO_LABEL.matcher(line.strip()).replaceFirst("");
        for (String s : Sentences.split(body, lang)) {
          if (substantial(s, 3, 6)) {
            out.add(new Sentence(-1, null, line.strip(), s.strip().replaceAll("[.。]$", ""), 0));
          }
        }
      }
      return out;
    }

    private boolean substantial(String text, int minWords, int minChars) {
      return ja ? text.replaceAll("[、。！？!?\\s]", "").length() >= minChars : text.split("\\s+").length >= minWords;
    }

    /** A key point candidate: a statement with substance, not a question or a commitment. */
    private boolean candidate(Sentence s) {
      String t = s.raw().strip();
      if (t.endsWith("?") || t.endsWith("？") || t.endsWith("か。") || AGENDA_TALK.matcher(t).find()) {
        return false;
      }
      if ((ja ? Commitments.japanese(t) : Commitments.english(t)) != null) {
        return false;
      }
      return substantial(s.point(), 6, 14);
    }

    /**
     * Assigns each sentence an agenda item, or -1 for the small talk before the first one, maximising the
     * summed (neighbour-smoothed) similarity under the constraint that items come in agenda order.
     */
    private int[] assign(List<float[]> vectors, List<float[]> items) {
      int n = vectors.size();
      int k = items.size();
      double[][] sim = new double[n][k];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < k; a++) {
          sim[i][a] = Vectors.cosine(vectors.get(i), items.get(a));
        }
      }
      double[][] smooth = new double[n][k + 1];
      double[] best = new double[n];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < k; a++) {
          double sum = 0;
          int c = 0;
          for (int j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) {
            sum += sim[j][a] * (j == i ? 2 : 1);
            c += j == i ? 2 : 1;
          }
          smooth[i][a + 1] = sum / c;
          best[i] = Math.max(best[i], smooth[i][a + 1]);
        }
      }
      // small talk scores like a weak item: the lower quartile of each sentence's best similarity
      double[] sorted = best.clone();
      java.util.Arrays.sort(sorted);
      double smallTalk = n == 0 ? 0 : sorted[n / 4];
      for (int i = 0; i < n; i++) {
        smooth[i][0] = smallTalk;
      }
      double[][] score = new double[n + 1][k + 1];
      int[][] from = new int[n + 1][k + 1];
      for (int i = 1; i <= n; i++) {
        for (int s = 0; s <= k; s++) {
          int bestPrev = 0;
          for (int p = 1; p <= s; p++) {
            if (score[i - 1][p] > score[i - 1][bestPrev]) {
              bestPrev = p;
            }
          }
          score[i][s] = score[i - 1][bestPrev] + smooth[i - 1][s];
          from[i][s] = bestPrev;
        }
      }
      int[] out = new int[n];
      int s = 1;
      for (int a = 1; a <= k; a++) {
        if (n > 0 && score[n][a] > score[n][s]) {
          s = a;
        }
      }
      for (int i = n; i >= 1; i--) {
        out[i - 1] = s - 1;
        s = from[i][s];
      }
      return out;
    }

    /** Up to three points for one item, by score and maximal marginal relevance, in conversation order. */
    private List<String> choose(List<Sentence> pool, List<float[]> vectors, float[] itemVector, List<float[]> memo) {
      if (pool.isEmpty()) {
        return List.of();
      }
      double[] centrality = TextRank.scores(vectors);
      double[] score = new double[pool.size()];
      for (int i = 0; i < pool.size(); i++) {
        double memoAgreement = 0;
        if (!pool.get(i).fromMemo()) {
          for (float[] m : memo) {
            memoAgreement = Math.max(memoAgreement, Vectors.cosine(vectors.get(i), m));
          }
        }
        score[i] = 0.35 * centrality[i] + 0.4 * Vectors.cosine(vectors.get(i), itemVector) + 0.25 * memoAgreement;
      }
      int want = Math.min(MAX_POINTS, Math.max(1, (pool.size() + 2) / 3));
      List<Integer> chosen = new ArrayList<>();
      Set<String> texts = new HashSet<>();
      while (chosen.size() < want) {
        int pick = -1;
        double pickScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pool.size(); i++) {
          if (chosen.contains(i) || texts.contains(pool.get(i).point())) {
            continue;
          }
          double redundancy = 0;
          for (int c : chosen) {
            redundancy = Math.max(redundancy, Vectors.cosine(vectors.get(i), vectors.get(c)));
          }
          double mmr = score[i] - 0.5 * redundancy;
          if (mmr > pickScore) {
            pickScore = mmr;
            pick = i;
          }
        }
        if (pick < 0) {
          break;
        }
        chosen.add(pick);
        texts.add(pool.get(pick).point());
      }
      chosen.sort(Comparator.comparingDouble(i -> pool.get(i).fromMemo() ? -1 : pool.get(i).position()));
      return chosen.stream().map(i -> shorten(pool.get(i).point())).toList();
    }

    /** {@code point} cut at a clause boundary to at most {@link #MAX_POINT_CHARS} characters. */
    private String shorten(String point) {
      if (point.length() <= MAX_POINT_CHARS) {
        return point;
      }
      String head = point.substring(0, MAX_POINT_CHARS - 1);
      int cut = Math.max(head.lastIndexOf(ja ? '、' : ','), head.lastIndexOf(ja ? '。' : ';'));
      if (cut < MAX_POINT_CHARS / 2) {
        cut = ja ? head.length() : head.lastIndexOf(' ');
      }
      return head.substring(0, Math.max(1, cut)).strip() + "…";
    }

    /** Each side's statements in the closing keep-in-mind exchange (at most two each). */
    private Map<String, List<String>> keepInMind() {
      Map<String, List<String>> out = new LinkedHashMap<>();
      out.put(Speaker.MEMBER.name(), new ArrayList<>());
      out.put(Speaker.MANAGER.name(), new ArrayList<>());
      List<Utterance> us = req.utterances();
      Pattern keep = ja ? KEEP_JA : KEEP_EN;
      int start = -1;
      for (int i = closingFrom; i < us.size() && start < 0; i++) {
        if (keep.matcher(us.get(i).text()).find()) {
          start = i;
        }
      }
      if (start < 0) {
        return out;
      }
      for (int i = start; i < us.size(); i++) {
        Utterance u = us.get(i);
        if ((ja ? CLOSING_JA : CLOSING_EN).matcher(u.text()).find() && !keep.matcher(u.text()).find()) {
          continue;
        }
        List<String> kept = new ArrayList<>();
        for (String s : Sentences.split(u.text(), lang)) {
          String t = Sentences.trim(s, lang);
          t = (ja ? KEEP_LEAD_JA : KEEP_LEAD_EN).matcher(t).replaceFirst("");
          boolean question = s.endsWith("?") || s.endsWith("？");
          if (!question && substantial(t, 4, 8) && !thanks(t)) {
            kept.add(ja ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1));
          }
        }
        List<String> side = out.get(u.speaker().name());
        if (!kept.isEmpty() && side.size() < 2) {
          side.add(shorten(String.join(ja ? "" : " ", kept)));
        }
      }
      return out;
    }

    private boolean thanks(String t) {
      String l = t.toLowerCase();
      return l.startsWith("thank") || l.startsWith("i appreciate") || l.startsWith("sounds good")
          || t.startsWith("ありがとう") || t.startsWith("助かります") || t.startsWith("よろしく");
    }

    /** Next-time topics: the memo's "Next:" line if typed, otherwise what was said after "next time" / "次回". */
    private List<String> nextTopics() {
      List<String> out = new ArrayList<>();
      for (String line : req.memoText().split("\\n+")) {
        var m = MEMO_NEXT.matcher(line);
        if (m.find()) {
          out.add(line.substring(m.end()).strip());
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
      List<Utterance> us = req.utterances();
      for (int i = closingFrom; i < us.size(); i++) {
        for (String s : Sentences.split(us.get(i).text(), lang)) {
          boolean cue = ja ? s.contains("次回") : s.toLowerCase().contains("next time");
          if (!cue || s.endsWith("?") || s.endsWith("？") || KEEP_EN.matcher(s).find() || KEEP_JA.matcher(s).find()) {
            continue;
          }
          String topic = (ja ? NEXT_JA : NEXT_EN).matcher(s.strip()).replaceFirst("").replaceAll("[.。!！]+$", "").strip();
          if (substantial(topic, 2, 4)) {
            out.add(ja ? topic : Character.toUpperCase(topic.charAt(0)) + topic.substring(1));
          }
        }
      }
      return out;
    }

    private static int count(int[] item, int a) {
      int c = 0;
      for (int x : item) {
        c += x == a ? 1 : 0;
      }
      return c;
    }

    private static int closest(float[] v, List<float[]> items) {
      int best = 0;
      for (int a = 1; a < items.size(); a++) {
        if (Vectors.cosine(v, items.get(a)) > Vectors.cosine(v, items.get(best))) {
          best = a;
        }
      }
      return best;
    }
  }
}
