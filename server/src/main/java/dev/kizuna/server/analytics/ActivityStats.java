package dev.kizuna.server.analytics;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1on1 activity of one organisation group in a window: meetings held, how often pairs meet,
 * and the agendas' topic and expectation mix.
 */
final class ActivityStats {

  /** Longest gap between a pair's consecutive meetings that still counts as meeting every two weeks. */
  static final Duration BIWEEKLY = Duration.ofDays(14);

  private int meetings;
  private final Map<String, List<Instant>> heldByPair = new HashMap<>();
  private final Map<Topic, Integer> topics = new EnumMap<>(Topic.class);
  private final Map<Expectation, Integer> expectations = new EnumMap<>(Expectation.class);

  void add(HeldMeeting meeting) {
    meetings++;
    heldByPair.computeIfAbsent(meeting.pairId(), p -> new ArrayList<>()).add(meeting.heldAt());
    for (AgendaItem item : meeting.items()) {
      topics.merge(item.topic(), 1, Integer::sum);
      expectations.merge(item.expectation(), 1, Integer::sum);
    }
  }

  /**
   * Pairs that met at least every two weeks: two or more meetings in the window, no two
   * consecutive ones more than {@link #BIWEEKLY} apart. A pair with one meeting in the window
   * shows no rhythm and does not count (it stays in the denominator of the share).
   */
  int biweeklyPairs() {
    int regular = 0;
    for (List<Instant> held : heldByPair.values()) {
      if (held.size() < 2) {
        continue;
      }
      List<Instant> sorted = held.stream().sorted().toList();
      boolean every = true;
      for (int i = 1; i < sorted.size() && every; i++) {
        every = Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(BIWEEKLY) <= 0;
      }
      if (every) {
        regular++;
      }
    }
    return regular;
  }

  /**
   * {@code {meetings, activePairs, meetingsPerPairPerMonth, biweeklyPairs, biweeklyShare, topics,
   * expectations}}; active pairs held at least one meeting in the window; the share is of active
   * pairs (0 when none).
   *
   * @param months the window's length in mean Gregorian months (days / 30.436875)
   */
  JsonObject toJson(double months) {
    int pairs = heldByPair.size();
    int regular = biweeklyPairs();
    JsonObject topicJson = new JsonObject();
    for (Topic topic : Topic.values()) {
      topicJson.put(topic.name(), topics.getOrDefault(topic, 0));
    }
    JsonObject expectationJson = new JsonObject();
    for (Expectation expectation : Expectation.values()) {
      expectationJson.put(expectation.name(), expectations.getOrDefault(expectation, 0));
    }
    return new JsonObject()
        .put("meetings", meetings)
        .put("activePairs", pairs)
        .put("meetingsPerPairPerMonth", pairs == 0 ? 0.0 : meetings / (double) pairs / months)
        .put("biweeklyPairs", regular)
        .put("biweeklyShare", pairs == 0 ? 0.0 : regular / (double) pairs)
        .put("topics", topicJson)
        .put("expectations", expectationJson);
  }
}
