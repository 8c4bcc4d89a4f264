package dev.kizuna.server.transcript;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.web.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/meetings/{id}/transcript}: the final segments and the consent record, for the pair. */
public final class TranscriptRoutes {

  private final PairGate gate;
  private final TranscriptRepository segments;
  private final ConsentLog consents;

  public TranscriptRoutes(PairGate gate, TranscriptRepository segments, ConsentLog consents) {
    this.gate = gate;
    this.segments = segments;
    this.consents = consents;
  }

  public void get(RoutingContext ctx) {
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id())
        .compose(meeting -> segments.forMeeting(meeting.id())
            .compose(list -> consents.forMeeting(meeting.id()).map(log -> new JsonObject()
                .put("segments", new JsonArray(list.stream().map(TranscriptSegment::toJson).toList()))
                .put("consents", new JsonArray(log.stream().map(ConsentLog.Entry::toJson).toList()))))));
  }
}
