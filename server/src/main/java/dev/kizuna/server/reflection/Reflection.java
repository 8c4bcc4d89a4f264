package dev.kizuna.server.reflection;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The manager's reflection after one meeting: what they paid attention to and what worked. Only the
 * manager reads it; with {@code shareAsHint} its "what worked" also becomes an anonymous hint.
 *
 * @param agendaIndex the agenda item the reflection is mostly about (its cell tags the hint)
 */
public record Reflection(String meetingId, String managerId, String attention, String worked, boolean shareAsHint,
    int agendaIndex, Instant createdAt) {

  /** Longest "what I paid attention to", in characters. */
  public static final int MAX_ATTENTION = 1000;
  /** Longest "what worked", in characters (a hint's length). */
  public static final int MAX_WORKED = 500;

  /** {@code {meetingId, attention, worked, shareAsHint, agendaIndex, createdAt}}. */
  public JsonObject toJson() {
    return new JsonObject().put("meetingId", meetingId).put("attention", attention).put("worked", worked)
        .put("shareAsHint", shareAsHint).put("agendaIndex", agendaIndex).put("createdAt", createdAt.toString());
  }
}
