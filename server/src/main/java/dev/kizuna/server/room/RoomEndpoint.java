package dev.kizuna.server.room;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.web.SocketUpgrade;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.IceServers;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomLimits;
import dev.kizuna.signaling.RoomRefusal;
import dev.kizuna.signaling.RoomSession;
import dev.kizuna.signaling.RoomSocket;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /ws/rooms/{meetingId}}: upgrades, authenticates by the session, admits only the
 * meeting's pair and its guests (closing others with 4401/4403/4404/4410), then serves the room
 * protocol.
 * Joining a planned meeting makes it live.
 */
public final class RoomEndpoint implements RoomHooks {

  private final CurrentUser currentUser;
  private final MeetingRepository meetings;
  private final RoomHub hub;
  private final IceServers iceServers;
  private final RoomLimits limits;
  private final RoomHooks hooks;

  /**
   * @param more hooks of other features (transcription), run after this endpoint's own
   */
  public RoomEndpoint(CurrentUser currentUser, MeetingRepository meetings, RoomHub hub, IceServers iceServers,
      RoomLimits limits, RoomHooks more) {
    this.currentUser = currentUser;
    this.meetings = meetings;
    this.hub = hub;
    this.iceServers = iceServers;
    this.limits = limits;
    this.hooks = RoomHooks.chain(this, more);
  }

  /** The route handler. */
  public void handle(RoutingContext ctx) {
    String meetingId = ctx.pathParam("meetingId");
    SocketUpgrade.accept(ctx, socket -> currentUser.loadForSocket(ctx, socket)
        .compose(user -> user.isEmpty()
            ? Future.failedFuture(new RoomRefusal(CloseCodes.UNAUTHENTICATED, "log in first"))
            : meetings.findById(meetingId).compose(meeting -> admit(meeting, user.get().id())))
        .map(session -> {
          RoomSocket.serve(socket, session, hub, hooks, limits);
          return null;
        }));
  }

  private Future<RoomSession> admit(Optional<Meeting> meeting, String userId) {
    return RoomAdmission.admitWithGuests(meeting, userId).map(role -> new RoomSession(meeting.get().id(), userId, role,
        role == ParticipantRole.GUEST ? meeting.get().guest(userId).orElseThrow().name() : meeting.get().nameOf(role),
        meeting.get().agenda().items().size(), iceServers.forUser(userId, Instant.now())));
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
