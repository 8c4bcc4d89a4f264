package dev.kizuna.server.escalation;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/meetings/{id}/escalations {note, agendaIndex?}}: either party marks something critical. */
public final class EscalationRoutes {

  private final PairGate gate;
  private final EscalationService service;

  public EscalationRoutes(PairGate gate, EscalationService service) {
    this.gate = gate;
    this.service = service;
  }

  /** Answers 201 {@code {escalation, notified}} once the HR users' notifications are stored. */
  public void create(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    JsonObject body = Responses.body(ctx);
    Responses.json(ctx, 201, gate.meetingFor(Responses.pathParam(ctx, "id"), me.id())
        .compose(meeting -> service.raise(meeting, me, body.getString("note").strip(), body.getInteger("agendaIndex")))
        .map(raised -> new JsonObject().put("escalation", raised.escalation().toJson()).put("notified", raised.notified())));
  }
}
