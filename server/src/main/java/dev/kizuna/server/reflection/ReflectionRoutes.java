package dev.kizuna.server.reflection;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.feedback.Cell;
import dev.kizuna.server.feedback.FeedbackSubmission;
import dev.kizuna.server.hint.CommunityText;
import dev.kizuna.server.hint.PendingHints;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/** The manager's reflection on an ended meeting: write once, read their own. */
public final class ReflectionRoutes {

  private final PairGate gate;
  private final ReflectionRepository reflections;
  private final PendingHints pendingHints;
  private final Clock clock;

  public ReflectionRoutes(PairGate gate, ReflectionRepository reflections, PendingHints pendingHints, Clock clock) {
    this.gate = gate;
    this.reflections = reflections;
    this.pendingHints = pendingHints;
    this.clock = clock;
  }

  /**
   * {@code POST /api/meetings/{id}/reflection} {@code {attention, worked, shareAsHint, agendaIndex?}}: 201
   * Reflection; 403 unless the meeting's manager; 409 before the end or when written already.
   */
  public void create(RoutingContext ctx) {
    JsonObject body = Responses.body(ctx);
    Future<JsonObject> created = managerMeeting(ctx).compose(meeting -> {
      if (meeting.status() != MeetingStatus.ENDED) {
        return Future.failedFuture(HttpProblem.conflict("the reflection opens once the meeting has ended"));
      }
      String attention = body.getString("attention", "").strip();
      String worked = body.getString("worked", "").strip();
      List<Cell> cells = FeedbackSubmission.cellsOf(meeting.agenda().items());
      int index = body.getInteger("agendaIndex", 0);
      if (attention.isEmpty() && worked.isEmpty()) {
        return Future.failedFuture(HttpProblem.badRequest("write what you paid attention to or what worked"));
      }
      if (index >= cells.size()) {
        return Future.failedFuture(HttpProblem.badRequest("agendaIndex " + index + " is not on the agenda"));
      }
      Reflection reflection = new Reflection(meeting.id(), meeting.managerId(), attention, worked,
          body.getBoolean("shareAsHint", false), index, clock.instant());
      return reflections.insert(reflection).compose(stored -> {
        if (!stored) {
          return Future.failedFuture(HttpProblem.conflict("this meeting's reflection was already written"));
        }
        return share(meeting, reflection, cells.get(index)).map(v -> reflection.toJson());
      });
    });
    Responses.json(ctx, 201, created);
  }

  /** {@code GET /api/meetings/{id}/reflection}: the manager's own; 404 before it is written. */
  public void get(RoutingContext ctx) {
    Responses.ok(ctx, () -> managerMeeting(ctx).compose(meeting -> reflections.find(meeting.id()))
        .compose(found -> found.map(r -> Future.succeededFuture(r.toJson()))
            .orElseGet(() -> Future.failedFuture(HttpProblem.notFound("no reflection for this meeting yet")))));
  }

  /** {@code GET /api/me/reflections}: the caller's reflections as a manager, newest first. */
  public void mine(RoutingContext ctx) {
    Responses.ok(ctx, () -> reflections.byManager(CurrentUser.of(ctx).id())
        .map(list -> new JsonArray(list.stream().map(Reflection::toJson).toList())));
  }

  private Future<Void> share(Meeting meeting, Reflection reflection, Cell cell) {
    String source = reflection.worked().isEmpty() ? reflection.attention() : reflection.worked();
    if (!reflection.shareAsHint()) {
      return Future.succeededFuture();
    }
    String text = CommunityText.anonymise(source, List.of(meeting.memberName(), meeting.managerName()));
    if (text.isBlank() || text.codePointCount(0, text.length()) > Reflection.MAX_WORKED) {
      return Future.succeededFuture();
    }
    return pendingHints.add(meeting.managerId(), cell.topic(), cell.expectation(), PendingHints.Source.MANAGER, text);
  }

  private Future<Meeting> managerMeeting(RoutingContext ctx) {
    return gate.meetingAs(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id(), ParticipantRole.MANAGER,
        "the reflection belongs to the meeting's manager");
  }

}
