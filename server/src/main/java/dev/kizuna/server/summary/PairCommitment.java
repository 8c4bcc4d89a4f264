package dev.kizuna.server.summary;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A promise of an accepted summary, kept for the pair until someone ticks it done.
 *
 * @param id {@code <meetingId>-<n>}, the n-th promise of that meeting's accepted summary
 * @param owner {@code MEMBER} or {@code MANAGER}
 * @param due {@code YYYY-MM-DD}, or null
 * @param acceptedAt when the summary holding it was (last) accepted
 */
public record PairCommitment(String id, String pairId, String meetingId, String owner, String what, String due,
    boolean done, Instant acceptedAt) {

  /** The wire form {@code {id, pairId, meetingId, owner, what, due?, done, acceptedAt}}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("pairId", pairId).put("meetingId", meetingId)
        .put("owner", owner).put("what", what).put("done", done).put("acceptedAt", acceptedAt.toString());
    if (due != null) {
      json.put("due", due);
    }
    return json;
  }
}
