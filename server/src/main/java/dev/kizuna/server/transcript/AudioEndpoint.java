package dev.kizuna.server.transcript;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.room.RoomAdmission;
import dev.kizuna.server.web.SocketUpgrade;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.RoomRefusal;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /ws/rooms/{meetingId}/audio}: a participant's microphone as 16 kHz 16-bit mono PCM.
 * Admits the pair only (4401/4403/4404/4410, as the room socket); a newer audio socket of the
 * same participant replaces the older one (4409).
 */
public final class AudioEndpoint {

  private final CurrentUser currentUser;
  private final MeetingRepository meetings;
  private final LiveTranscription live;
  private final Map<String, ServerWebSocket> current = new ConcurrentHashMap<>();

  public AudioEndpoint(CurrentUser currentUser, MeetingRepository meetings, LiveTranscription live) {
    this.currentUser = currentUser;
    this.meetings = meetings;
    this.live = live;
  }

  public void handle(RoutingContext ctx) {
    String meetingId = ctx.pathParam("meetingId");
    SocketUpgrade.accept(ctx, socket -> currentUser.loadForSocket(ctx, socket).compose(user -> {
      if (user.isEmpty()) {
        return Future.failedFuture(new RoomRefusal(CloseCodes.UNAUTHENTICATED, "log in first"));
      }
      String userId = user.get().id();
      return meetings.findById(meetingId)
          .compose(meeting -> RoomAdmission.admit(meeting, userId))
          .compose(role -> live.room(meetingId).map(room -> {
            String key = meetingId + "/" + userId;
            ServerWebSocket older = current.put(key, socket);
            if (older != null) {
              older.close(CloseCodes.REPLACED, "replaced by a newer audio socket");
            }
            new AudioSocket(socket, room, userId, role).start(() -> current.remove(key, socket));
            return null;
          }));
    }));
  }
}
