package dev.kizuna.server.share;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One reading of a share, as the audit log keeps it.
 *
 * @param viewerId the logged-in reader's user id, or {@code null} for an anonymous link reader
 * @param viewerName the logged-in reader's name, or {@code null}
 * @param addressHash for anonymous readers: the first 16 hex digits of SHA-256 over the share id and the
 *     client address (the same reader is recognisable within one share, the address is not stored)
 */
public record ShareView(String shareId, String meetingId, Instant at, String viewerId, String viewerName,
    String addressHash) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("shareId", shareId).put("at", at.toString());
    if (viewerId != null) {
      json.put("viewer", "user").put("viewerId", viewerId).put("viewerName", viewerName);
    } else {
      json.put("viewer", "anonymous link").put("addressHash", addressHash);
    }
    return json;
  }
}
