package dev.kizuna.server.share;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A meeting's memo shared with a third party, read-only.
 *
 * @param id opaque id
 * @param kind a link or an invited user
 * @param source by hand, by a pair's rule, or by a handover
 * @param createdBy the user who shared it (one of the pair)
 * @param recipientId the invited user ({@link ShareKind#USER}), else {@code null}
 * @param recipientName the invited user's name, else {@code null}
 * @param tokenHash SHA-256 of the link's token ({@link ShareKind#LINK}), else {@code null}
 * @param includeTranscript whether the reader also sees the stored transcript
 * @param locale the sharer's language ({@code en}, {@code ja}), for readers whose browser asks for neither
 * @param expiresAt after this the share opens no more; {@code null}: until revoked
 * @param revokedAt when one of the pair revoked it, or {@code null}
 * @param revokedBy who revoked it, or {@code null}
 */
public record Share(String id, String meetingId, String pairId, ShareKind kind, ShareSource source, String createdBy,
    String recipientId, String recipientName, String tokenHash, boolean includeTranscript, String locale,
    Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy) {

  /** Whether the share may be read at {@code now}: not revoked, not expired. */
  public boolean openAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** The wire form for the pair and the recipient; never the token or its hash. */
  public JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("meetingId", meetingId)
        .put("pairId", pairId)
        .put("kind", kind.name())
        .put("source", source.name())
        .put("createdBy", createdBy)
        .put("includeTranscript", includeTranscript)
        .put("createdAt", createdAt.toString())
        .put("active", openAt(now));
    if (recipientId != null) {
      json.put("recipientId", recipientId).put("recipientName", recipientName);
    }
    if (expiresAt != null) {
      json.put("expiresAt", expiresAt.toString());
    }
    if (revokedAt != null) {
      json.put("revokedAt", revokedAt.toString()).put("revokedBy", revokedBy);
    }
    return json;
  }
}
