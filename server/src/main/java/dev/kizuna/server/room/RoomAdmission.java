package dev.kizuna.server.room;

import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.RoomRefusal;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who may open a meeting's sockets: the pair, and the room socket also the meeting's guests,
 * while the meeting has not ended.
 */
public final class RoomAdmission {

  private RoomAdmission() {}

  /**
   * The caller's side of the meeting's pair.
   *
   * @return fails with a {@link RoomRefusal}: 4404 no such meeting, 4403 not of the pair, 4410 ended
   */
  public static Future<ParticipantRole> admit(Optional<Meeting> meeting, String userId) {
    return admit(meeting, userId, false);
  }

  /**
   * As {@link #admit(Optional, String)}, letting the meeting's guests in as {@code GUEST} too (the
   * live room; never the audio socket, since a guest is not transcribed).
   */
  public static Future<ParticipantRole> admitWithGuests(Optional<Meeting> meeting, String userId) {
    return admit(meeting, userId, true);
  }

  private static Future<ParticipantRole> admit(Optional<Meeting> meeting, String userId, boolean guests) {
    if (meeting.isEmpty()) {
      return Future.failedFuture(new RoomRefusal(CloseCodes.NOT_FOUND, "no such meeting"));
    }
    Optional<ParticipantRole> role = meeting.get().roleOf(userId)
        .or(() -> guests && meeting.get().guest(userId).isPresent() ? Optional.of(ParticipantRole.GUEST) : Optional.empty());
    if (role.isEmpty()) {
      return Future.failedFuture(new RoomRefusal(CloseCodes.FORBIDDEN, "not a participant of this meeting"));
    }
    if (meeting.get().status() == MeetingStatus.ENDED) {
      return Future.failedFuture(new RoomRefusal(CloseCodes.ENDED, "meeting ended"));
    }
    return Future.succeededFuture(role.get());
  }
}
