package dev.kizuna.server.feedback;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.hint.CommunityText;
import dev.kizuna.server.hint.PendingHints;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The member's anonymous feedback on an ended meeting: once per meeting, every agenda item rated.
 * Only the member may send it or ask whether it was sent; the manager learns nothing per meeting.
 */
public final class FeedbackRoutes {

  private final PairGate gate;
  private final FeedbackRepository feedback;
  private final PendingHints pendingHints;
  private final ManagerLock lock;
  private final Clock clock;

  public FeedbackRoutes(PairGate gate, FeedbackRepository feedback, PendingHints pendingHints, ManagerLock lock,
      Clock clock) {
    this.gate = gate;
    this.feedback = feedback;
    this.pendingHints = pendingHints;
    this.lock = lock;
    this.clock = clock;
  }

  /**
   * {@code POST /api/meetings/{id}/feedback}: 201 {@code {received, sharedHints}}; 403 unless the
   * meeting's member, 409 before the meeting ended or when already answered, 400 on a bad rating set.
   */
  public void submit(RoutingContext ctx) {
    JsonObject body = Responses.body(ctx);
    Future<JsonObject> stored = memberMeeting(ctx).compose(meeting -> {
      if (meeting.status() != MeetingStatus.ENDED) {
        return Future.failedFuture(HttpProblem.conflict("feedback opens once the meeting has ended"));
      }
      FeedbackSubmission submission;
      try {
        submission = FeedbackSubmission.from(body, meeting.agenda().items());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(HttpProblem.badRequest(e.getMessage()));
      }
      return lock.with(meeting.managerId(), () -> store(meeting, submission));
    });
    Responses.json(ctx, 201, stored);
  }

  /** {@code GET /api/meetings/{id}/feedback}: {@code {answered, open}} for the member only. */
  public void status(RoutingContext ctx) {
    Responses.ok(ctx, () -> memberMeeting(ctx).compose(meeting -> feedback.answered(meeting.id())
        .map(answered -> new JsonObject().put("answered", answered)
            .put("open", !answered && meeting.status() == MeetingStatus.ENDED))));
  }

  private Future<JsonObject> store(Meeting meeting, FeedbackSubmission submission) {
    Instant now = clock.instant();
    String period = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
    List<Cell> cells = FeedbackSubmission.cellsOf(meeting.agenda().items());
    return feedback.claim(meeting.id(), meeting.memberId(), meeting.managerId(), cells, period, now)
        .compose(claimed -> {
          if (!claimed) {
            return Future.failedFuture(HttpProblem.conflict("feedback for this meeting was already given"));
          }
          List<FeedbackAnswer> answers = new ArrayList<>();
          List<Future<Void>> hints = new ArrayList<>();
          // Hints first: the answers' write ends with the durability wait that covers both.
          for (RatedItem item : submission.items()) {
            Cell cell = cells.get(item.index());
            answers.add(FeedbackAnswer.of(meeting.managerId(), cell, item.rating(), item.good(), period));
            if (submission.shareAsHint() && item.good() != null) {
              String text = CommunityText.anonymise(item.good(), List.of(meeting.memberName(), meeting.managerName()));
              if (!text.isBlank()) {
                hints.add(pendingHints.add(meeting.managerId(), cell.topic(), cell.expectation(),
                    PendingHints.Source.MEMBER, text));
              }
            }
          }
          return Future.all(hints)
              .compose(v -> feedback.insertAnswers(answers))
              .map(v -> new JsonObject().put("received", answers.size()).put("sharedHints", hints.size()));
        });
  }

  private Future<Meeting> memberMeeting(RoutingContext ctx) {
    return gate.meetingAs(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id(), ParticipantRole.MEMBER,
        "only the meeting's member gives feedback");
  }
}
