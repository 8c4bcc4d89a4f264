package dev.kizuna.server.feedback;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import java.util.Objects;

/** One topic x expectation cell, the unit member feedback is rated and aggregated in. */
public record Cell(Topic topic, Expectation expectation) {

  public Cell {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(expectation, "expectation");
  }

  /** {@code TOPIC.EXPECTATION}, the stored form in participation records. */
  public String key() {
    return topic.name() + "." + expectation.name();
  }

  /** Reads {@link #key()}. */
  public static Cell parse(String key) {
    int dot = key.indexOf('.');
    return new Cell(Topic.valueOf(key.substring(0, dot)), Expectation.valueOf(key.substring(dot + 1)));
  }
}
