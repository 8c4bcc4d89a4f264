package dev.kizuna.server.share;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A pair's standing consent to share: every accepted memo of the pair goes to {@code recipientId}
 * (e.g. HR or a mentor). Only the member sets a rule (the memo is theirs); either party may remove one.
 *
 * @param createdBy the member who set it
 */
public record ShareRule(String pairId, String recipientId, String recipientName, boolean includeTranscript,
    String createdBy, Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("pairId", pairId)
        .put("recipientId", recipientId)
        .put("recipientName", recipientName)
        .put("includeTranscript", includeTranscript)
        .put("createdBy", createdBy)
        .put("createdAt", createdAt.toString());
  }
}
