package dev.kizuna.server.share;

import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.transcript.TranscriptSegment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What a share lets its reader see: the meeting's parties and date, the memo as plain text, and the
 * transcript only when the share includes it.
 *
 * @param memoText the shared memo rendered for people ({@code MemoRenderer.toText}); may be empty
 * @param transcript final segments in speaking order, or {@code null} when the share leaves it out
 */
public record SharedContent(Share share, Meeting meeting, String memoText, List<TranscriptSegment> transcript) {

  /** {@code {share, meeting:{id,scheduledAt,memberName,managerName}, memo, transcript?}} for the API. */
  public JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject()
        .put("share", share.toJson(now))
        .put("meeting", new JsonObject()
            .put("id", meeting.id())
            .put("scheduledAt", meeting.scheduledAt().toString())
            .put("memberName", meeting.memberName())
            .put("managerName", meeting.managerName()))
        .put("memo", memoText);
    if (transcript != null) {
      json.put("transcript", new JsonArray(transcript.stream().map(s -> new JsonObject()
          .put("role", s.role().name()).put("text", s.text()).put("startMs", s.startMs())).toList()));
    }
    return json;
  }
}
