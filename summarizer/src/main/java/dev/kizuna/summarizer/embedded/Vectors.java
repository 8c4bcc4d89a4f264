package dev.kizuna.summarizer.embedded;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unit-length sentence vectors for similarity. English: all-MiniLM-L6-v2 sentence embeddings (384
 * dimensions) run in process with ONNX Runtime; the model loads once (about 1 s) and is shared; about 8 ms
 * per sentence on two cores. Japanese: no in-process Japanese embedding model is available, so TF-IDF over
 * Kuromoji content words (base forms), with IDF from the meeting's own sentences.
 */
final class Vectors {

  private static final class English {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
  }

  private Vectors() {}

  /** One unit vector per text (a zero vector for a text without content words). */
  static float[][] of(List<String> texts, String language) {
    return language.equals("ja") ? tfIdf(texts) : embed(texts);
  }

  private static float[][] embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? "." : t)).toList();
    List<Embedding> embeddings = English.MODEL.embedAll(segments).content();
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = normalize(embeddings.get(i).vector());
    }
    return out;
  }

  private static float[][] tfIdf(List<String> texts) {
    List<List<String>> docs = texts.stream().map(Japanese::contentWords).toList();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> docFrequency = new HashMap<>();
    for (List<String> doc : docs) {
      for (String w : doc) {
        index.putIfAbsent(w, index.size());
      }
      doc.stream().distinct().forEach(w -> docFrequency.merge(w, 1, Integer::sum));
    }
    float[][] out = new float[docs.size()][index.size()];
    for (int d = 0; d < docs.size(); d++) {
      for (String w : docs.get(d)) {
        out[d][index.get(w)] += (float) Math.log(1.0 + (double) docs.size() / docFrequency.get(w));
      }
      out[d] = normalize(out[d]);
    }
    return out;
  }

  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      return v;
    }
    float[] out = new float[v.length];
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  /** The unit-length sum of {@code vectors} weighted by {@code weights}. */
  static float[] centroid(List<float[]> vectors, List<Double> weights) {
    float[] sum = new float[vectors.get(0).length];
    for (int i = 0; i < vectors.size(); i++) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += (float) (vectors.get(i)[j] * weights.get(i));
      }
    }
    return normalize(sum);
  }
}
