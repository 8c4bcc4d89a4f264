package dev.kizuna.server.meeting;

import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import java.util.function.Predicate;

/** Lets only a meeting's pair (and, where said, its guest) through to a meeting's HTTP resources. */
public final class PairGate {

  private final MeetingRepository meetings;

  public PairGate(MeetingRepository meetings) {
    this.meetings = meetings;
  }

  /**
   * The meeting, if {@code userId} is its member or manager.
   *
   * @return fails with a 404 {@link HttpProblem} for an unknown meeting, 403 for anyone else
   */
  public Future<Meeting> meetingFor(String meetingId, String userId) {
    return admit(meetingId, m -> m.roleOf(userId).isPresent(), "only the pair may see this meeting");
  }

  /**
   * The meeting, if {@code userId} is its member, manager or invited guest (the guest may see only
   * {@link Meeting#toGuestJson()} of it).
   *
   * @return fails as {@link #meetingFor} does
   */
  public Future<Meeting> meetingForPairOrGuest(String meetingId, String userId) {
    return admit(meetingId, m -> m.roleOf(userId).isPresent() || m.guest(userId).isPresent(),
        "only the pair and its guest may see this meeting");
  }

  private Future<Meeting> admit(String meetingId, Predicate<Meeting> admitted, String refusal) {
    return meetings.findById(meetingId).compose(m -> {
      if (m.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no such meeting"));
      }
      if (!admitted.test(m.get())) {
        return Future.failedFuture(HttpProblem.forbidden(refusal));
      }
      return Future.succeededFuture(m.get());
    });
  }

  /**
   * The meeting, if {@code userId} is on {@code role}'s side of it.
   *
   * @return fails as {@link #meetingFor} does, and with a 403 saying {@code refusal} for the other side
   */
  public Future<Meeting> meetingAs(String meetingId, String userId, ParticipantRole role, String refusal) {
    return meetingFor(meetingId, userId).compose(meeting -> meeting.roleOf(userId).orElseThrow() == role
        ? Future.succeededFuture(meeting)
        : Future.failedFuture(HttpProblem.forbidden(refusal)));
  }
}
