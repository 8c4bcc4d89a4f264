package dev.kizuna.server.room;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.IceServers;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomLimits;
import dev.kizuna.signaling.RoomRefusal;
import dev.kizuna.signaling.RoomSession;
import dev.kizuna.signaling.RoomSocket;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /ws/rooms/{meetingId}}: upgrades, authenticates by the session, admits only the
 * meeting's pair (closing others with 4401/4403/4404/4410), then serves the room protocol.
 * Joining a planned meeting makes it live.
 */
public final class RoomEndpoint implements RoomHooks {

  private final CurrentUser currentUser;
  private final MeetingRepository meetings;
  private final RoomHub hub;
  private final IceServers iceServers;
  private final RoomLimits limits;

  public RoomEndpoint(CurrentUser currentUser, MeetingRepository meetings, RoomHub hub, IceServers iceServers,
      RoomLimits limits) {
    this.currentUser = currentUser;
    this.meetings = meetings;
    this.hub = hub;
    this.iceServers = iceServers;
    this.limits = limits;
  }

  /** The route handler. */
  public void handle(RoutingContext ctx) {
    String meetingId = ctx.pathParam("meetingId");
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.fail(HttpProblem.badRequest("this is a WebSocket endpoint; connect with an Upgrade: websocket request"));
      return;
    }
    ctx.request().toWebSocket().onSuccess(socket -> {
      // Hold frames until the socket is authorised and served, so an early join is not lost.
      socket.pause();
      currentUser.loadForSocket(ctx)
          .compose(user -> user.isEmpty()
              ? Future.failedFuture(new RoomRefusal(CloseCodes.UNAUTHENTICATED, "log in first"))
              : meetings.findById(meetingId).compose(meeting -> admit(meeting.orElse(null), user.get().id())))
          .onSuccess(session -> {
            RoomSocket.serve(socket, session, hub, this, limits);
            socket.resume();
          })
          .onFailure(e -> refuse(socket, e));
    }).onFailure(ctx::fail);
  }

  private Future<RoomSession> admit(Meeting meeting, String userId) {
    if (meeting == null) {
      return Future.failedFuture(new RoomRefusal(CloseCodes.NOT_FOUND, "no such meeting"));
    }
    return meeting.roleOf(userId)
        .map(role -> meeting.status() == MeetingStatus.ENDED
            ? Future.<RoomSession>failedFuture(new RoomRefusal(CloseCodes.ENDED, "meeting ended"))
            : Future.succeededFuture(new RoomSession(meeting.id(), userId, role, meeting.nameOf(role),
                meeting.agenda().items().size(), iceServers.forUser(userId, Instant.now()))))
        .orElseGet(() -> Future.failedFuture(new RoomRefusal(CloseCodes.FORBIDDEN, "not a participant of this meeting")));
  }

  private static void refuse(ServerWebSocket socket, Throwable e) {
    if (e instanceof RoomRefusal refusal) {
      socket.close(refusal.closeCode(), refusal.getMessage());
    } else {
      socket.close((short) 1011, "server error");
    }
  }

  /** Re-checks the status at join time and moves a planned meeting to live. */
  @Override
  public Future<Void> beforeJoin(String roomId, Peer peer) {
    return meetings.findById(roomId).compose(meeting -> {
      if (meeting.isEmpty()) {
        return Future.failedFuture(new RoomRefusal(CloseCodes.NOT_FOUND, "no such meeting"));
      }
      if (meeting.get().status() == MeetingStatus.ENDED) {
        return Future.failedFuture(new RoomRefusal(CloseCodes.ENDED, "meeting ended"));
      }
      return meeting.get().status() == MeetingStatus.PLANNED
          ? meetings.markLive(roomId, Instant.now()).mapEmpty()
          : Future.succeededFuture();
    });
  }
}
