package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hint library shipped in the jar ({@code hints/library.json}): for every topic x
 * expectation cell three hints, levers per band of relationship stages, and an icebreaker per
 * topic and time, each in English and Japanese, written for Kizuna from DOMAIN.md.
 */
public final class HintLibrary {

  /** Where the library sits on the classpath. */
  public static final String RESOURCE = "hints/library.json";

  private HintLibrary() {}

  /**
   * Reads and checks the shipped library. Blocking (classpath I/O): call from a worker.
   *
   * @return one {@link Hint} per entry and language
   * @throws IllegalStateException if the resource is missing or a cell, icebreaker or
   *     language is missing from it
   */
  public static List<Hint> load() {
    try (InputStream in = HintLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses a library document (see {@code hints/library.json}) and checks it covers every cell. */
  static List<Hint> parse(JsonObject library) {
    List<Hint> hints = new ArrayList<>();
    for (String section : List.of("hints", "levers", "icebreakers")) {
      JsonArray entries = library.getJsonArray(section, new JsonArray());
      for (Object o : entries) {
        JsonObject entry = (JsonObject) o;
        JsonObject texts = entry.getJsonObject("text");
        for (String language : Hint.LANGUAGES) {
          hints.add(Hint.fromJson(entry.copy().put("language", language).put("text", texts.getString(language))
              .put("edited", false)));
        }
      }
    }
    checkCoverage(hints);
    return List.copyOf(hints);
  }

  private static void checkCoverage(List<Hint> hints) {
    Set<String> present = new HashSet<>();
    for (Hint h : hints) {
      switch (h.kind()) {
        case CELL -> present.add(h.topic() + "/" + h.expectation() + "/" + h.language());
        case ICEBREAKER -> present.add(h.topic() + "/" + h.time() + "/" + h.language());
        case LEVER -> present.add("lever/" + h.language());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String language : Hint.LANGUAGES) {
      for (Topic topic : Topic.values()) {
        for (Expectation expectation : Expectation.values()) {
          require(present, topic + "/" + expectation + "/" + language, missing);
        }
        for (IcebreakerTime time : IcebreakerTime.values()) {
          require(present, topic + "/" + time + "/" + language, missing);
        }
      }
      require(present, "lever/" + language, missing);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the hint library lacks " + missing);
    }
  }

  private static void require(Set<String> present, String what, List<String> missing) {
    if (!present.contains(what)) {
      missing.add(what);
    }
  }
}
