package dev.kizuna.server.meeting;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code PUT /api/meetings/{id}/guests}: either party of the pair invites a third person (a mentor,
 * HR) to the meeting's room, or no one. A guest joins the live room only; the meeting's agenda,
 * memo and transcript stay the pair's.
 */
public final class GuestRoutes {

  private final MeetingRepository meetings;
  private final UserRepository users;
  private final PairGate gate;

  public GuestRoutes(MeetingRepository meetings, UserRepository users) {
    this.meetings = meetings;
    this.users = users;
    this.gate = new PairGate(meetings);
  }

  /**
   * Body {@code {guestIds:[userId]}} (at most {@link Meeting#MAX_GUESTS}, checked by the
   * contract); answers the meeting. 400 for an unknown user or a party of the pair, 409 once the
   * meeting ended.
   */
  public void put(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    List<String> ids = Responses.body(ctx).getJsonArray("guestIds", new JsonArray()).stream()
        .map(String.class::cast).distinct().toList();
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), me).compose(meeting -> {
      if (ids.stream().anyMatch(id -> meeting.roleOf(id).isPresent())) {
        return Future.failedFuture(HttpProblem.badRequest("the member and the manager are not guests of their own meeting"));
      }
      return Future.all(ids.stream().map(users::findById).toList()).compose(found -> {
        List<Optional<User>> loaded = found.list();
        if (loaded.stream().anyMatch(Optional::isEmpty)) {
          return Future.failedFuture(HttpProblem.badRequest("guestIds names an unknown user"));
        }
        List<Meeting.Guest> guests = loaded.stream().map(Optional::orElseThrow)
            .map(u -> new Meeting.Guest(u.id(), u.name())).toList();
        return meetings.replaceGuestsUnlessEnded(meeting.id(), guests).compose(replaced -> replaced
            ? meetings.findById(meeting.id()).map(m -> m.orElseThrow().toJson(meeting.roleOf(me).orElseThrow()))
            : Future.failedFuture(HttpProblem.conflict("the meeting has ended")));
      });
    }));
  }
}
