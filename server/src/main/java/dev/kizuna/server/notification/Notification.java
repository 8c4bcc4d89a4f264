package dev.kizuna.server.notification;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A message for one user in the app.
 *
 * @param userId who it is for
 * @param refId the escalation or share it is about
 * @param actorName who caused it (the person who escalated or shared)
 * @param memberName the member of the meeting's pair
 * @param managerName the manager of the meeting's pair
 * @param note the escalation's note ({@link NotificationKind#ESCALATION}), else {@code null}
 * @param readAt when the user marked it read, or {@code null}
 */
public record Notification(String id, String userId, NotificationKind kind, String meetingId, String refId,
    String actorName, String memberName, String managerName, String note, Instant createdAt, Instant readAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("kind", kind.name())
        .put("meetingId", meetingId)
        .put("refId", refId)
        .put("actorName", actorName)
        .put("memberName", memberName)
        .put("managerName", managerName)
        .put("createdAt", createdAt.toString())
        .put("read", readAt != null);
    if (note != null) {
      json.put("note", note);
    }
    if (readAt != null) {
      json.put("readAt", readAt.toString());
    }
    return json;
  }
}
