package dev.kizuna.server.transcript;

import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One final stretch of a speaker's words.
 *
 * @param meetingId the meeting
 * @param speakerId the speaking participant's user id
 * @param role the speaker's side of the pair
 * @param text the recognised words
 * @param startMs start, ms from the meeting's start
 * @param endMs end, ms from the meeting's start
 * @param confidence mean word confidence, 0-1
 * @param words {@code [{word, startMs, endMs, confidence}]}, times from the meeting's start
 * @param spokenAt when the server stored it; retention counts from here
 */
public record TranscriptSegment(String meetingId, String speakerId, ParticipantRole role, String text, long startMs,
    long endMs, double confidence, JsonArray words, Instant spokenAt) {

  /** The wire form of {@code GET /api/meetings/{id}/transcript} and of final {@code transcript} messages. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("speakerId", speakerId)
        .put("role", role.name())
        .put("text", text)
        .put("startMs", startMs)
        .put("endMs", endMs)
        .put("confidence", confidence)
        .put("words", words);
  }

  /** The form other nodes hear it in ({@code ClusterEvents}): the wire form plus meeting and time. */
  public JsonObject toEvent() {
    return toJson().put("meetingId", meetingId).put("spokenAt", spokenAt.toString());
  }

  /** Reads {@link #toEvent()}. */
  public static TranscriptSegment fromEvent(JsonObject json) {
    return new TranscriptSegment(json.getString("meetingId"), json.getString("speakerId"),
        ParticipantRole.valueOf(json.getString("role")), json.getString("text"), json.getLong("startMs"),
        json.getLong("endMs"), json.getDouble("confidence"), json.getJsonArray("words"),
        Instant.parse(json.getString("spokenAt")));
  }
}
