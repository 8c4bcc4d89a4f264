package dev.kizuna.server.meeting;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
   * Body {@code {guestIds:[userId]}} or {@code {guestEmails:[e-mail]}} of existing users (exactly
   * one of the two, at most {@link Meeting#MAX_GUESTS} entries; both checked by the contract);
   * answers the meeting. 400 for an unknown user or a party of the pair, 409 once the meeting ended.
   */
  public void put(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    JsonObject body = Responses.body(ctx);
    boolean byEmail = body.containsKey("guestEmails");
    if (byEmail == body.containsKey("guestIds")) {
      ctx.fail(HttpProblem.badRequest("name the guest by guestIds or guestEmails"));
      return;
    }
    List<String> keys = body.getJsonArray(byEmail ? "guestEmails" : "guestIds", new JsonArray()).stream()
        .map(String.class::cast).map(k -> byEmail ? UserRepository.normalise(k) : k).distinct().toList();
    Function<String, Future<Optional<User>>> lookup = byEmail ? users::findByEmail : users::findById;
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), me).compose(meeting ->
        Future.all(keys.stream().map(lookup).toList()).compose(found -> {
          List<Optional<User>> loaded = found.list();
          if (loaded.stream().anyMatch(Optional::isEmpty)) {
            return Future.failedFuture(HttpProblem.badRequest(byEmail ? "guestEmails names no user of Kizuna"
                : "guestIds names an unknown user"));
          }
          List<User> invited = loaded.stream().map(Optional::orElseThrow).toList();
          if (invited.stream().anyMatch(u -> meeting.roleOf(u.id()).isPresent())) {
            return Future.failedFuture(HttpProblem.badRequest("the member and the manager are not guests of their own meeting"));
          }
          List<Meeting.Guest> guests = invited.stream().map(u -> new Meeting.Guest(u.id(), u.name())).toList();
          return meetings.replaceGuestsUnlessEnded(meeting.id(), guests).compose(replaced -> replaced
              ? meetings.findById(meeting.id()).map(m -> m.orElseThrow().toJson(meeting.roleOf(me).orElseThrow()))
              : Future.failedFuture(HttpProblem.conflict("the meeting has ended")));
        })));
  }
}
