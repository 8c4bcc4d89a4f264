package dev.kizuna.summarizer.embedded;

import java.util.List;

/**
 * TextRank sentence centrality (Mihalcea and Tarau, "TextRank: Bringing Order into Texts", EMNLP 2004):
 * PageRank over the graph whose edges are the sentences' positive cosine similarities.
 */
final class TextRank {

  private static final double DAMPING = 0.85;
  private static final int ITERATIONS = 40;

  private TextRank() {}

  /** Each vector's score, scaled so that the highest is 1 (all 1 for fewer than three sentences). */
  static double[] scores(List<float[]> vectors) {
    int n = vectors.size();
    double[] score = new double[n];
    java.util.Arrays.fill(score, 1.0);
    if (n < 3) {
      return score;
    }
    double[][] w = new double[n][n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double sim = Math.max(0, Vectors.cosine(vectors.get(i), vectors.get(j)));
        w[i][j] = sim;
        w[j][i] = sim;
        out[i] += sim;
        out[j] += sim;
      }
    }
    for (int it = 0; it < ITERATIONS; it++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double in = 0;
        for (int j = 0; j < n; j++) {
          if (out[j] > 0) {
            in += w[j][i] / out[j] * score[j];
          }
        }
        next[i] = (1 - DAMPING) + DAMPING * in;
      }
      score = next;
    }
    double max = java.util.Arrays.stream(score).max().orElse(1);
    for (int i = 0; i < n; i++) {
      score[i] /= max;
    }
    return score;
  }
}
