package dev.kizuna.server.cue;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/meetings/{id}/hints/{hintId}/helpful}: the manager marks a live hint helpful. */
public final class CueRoutes {

  private final PairGate gate;
  private final ShownHints shown;

  public CueRoutes(PairGate gate, ShownHints shown) {
    this.gate = gate;
    this.shown = shown;
  }

  public void markHelpful(RoutingContext ctx) {
    User caller = CurrentUser.of(ctx);
    String hintId = Responses.pathParam(ctx, "hintId");
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), caller.id()).compose(meeting -> {
      if (meeting.roleOf(caller.id()).orElseThrow() != ParticipantRole.MANAGER) {
        return Future.failedFuture(HttpProblem.forbidden("live hints are the manager's"));
      }
      return shown.markHelpful(meeting.id(), hintId).compose(found -> found
          ? Future.succeededFuture(new JsonObject().put("id", hintId).put("helpful", true))
          : Future.failedFuture(HttpProblem.notFound("no such hint in this meeting")));
    }));
  }
}
