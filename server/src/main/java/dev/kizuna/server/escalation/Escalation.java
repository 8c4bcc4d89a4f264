package dev.kizuna.server.escalation;

import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Something one of a pair marked critical in a 1on1 (e.g. a health or harassment risk), for the
 * designated HR users.
 *
 * @param raisedBy user id of the party who raised it
 * @param role their side in the meeting
 * @param note what it is about, as they wrote it (never logged)
 * @param agendaIndex the agenda item it concerns, or {@code null}
 */
public record Escalation(String id, String meetingId, String pairId, String raisedBy, ParticipantRole role,
    String note, Integer agendaIndex, Instant raisedAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("meetingId", meetingId)
        .put("pairId", pairId)
        .put("raisedBy", raisedBy)
        .put("role", role.name())
        .put("note", note)
        .put("raisedAt", raisedAt.toString());
    if (agendaIndex != null) {
      json.put("agendaIndex", agendaIndex);
    }
    return json;
  }
}
