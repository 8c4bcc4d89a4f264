package dev.kizuna.server.escalation;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.notification.Notification;
import dev.kizuna.server.notification.NotificationKind;
import dev.kizuna.server.notification.NotificationRepository;
import dev.kizuna.server.user.Role;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an escalation: stores it, notifies the designated HR users ({@link HrRecipients}) in the app
 * before answering, then e-mails each in the background. The note never goes to the log.
 */
public final class EscalationService {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationService.class);
  /** Most escalations one meeting may have (a guard against a stuck button or a script). */
  public static final int MAX_PER_MEETING = 20;

  private final EscalationRepository escalations;
  private final NotificationRepository notifications;
  private final UserRepository users;
  private final EscalationMailer mailer;
  private final Clock clock;

  public EscalationService(EscalationRepository escalations, NotificationRepository notifications, UserRepository users,
      EscalationMailer mailer, Clock clock) {
    this.escalations = escalations;
    this.notifications = notifications;
    this.users = users;
    this.mailer = mailer;
    this.clock = clock;
  }

  /**
   * @param raiser one of the meeting's pair
   * @param agendaIndex an index into the meeting's agenda, or {@code null}
   * @return the stored escalation and how many HR users were notified; fails with 422 for a bad agenda
   *     index or too many escalations
   */
  public Future<Raised> raise(Meeting meeting, User raiser, String note, Integer agendaIndex) {
    if (agendaIndex != null && agendaIndex >= meeting.agenda().items().size()) {
      return Future.failedFuture(HttpProblem.unprocessable("agendaIndex " + agendaIndex + " is not on this meeting's agenda"));
    }
    Escalation escalation = new Escalation(Ids.next(), meeting.id(), meeting.pairId(), raiser.id(),
        meeting.roleOf(raiser.id()).orElseThrow(), note, agendaIndex, MongoDates.storable(clock.instant()));
    return escalations.countForMeeting(meeting.id()).compose(count -> count >= MAX_PER_MEETING
            ? Future.failedFuture(HttpProblem.unprocessable("a meeting may have at most " + MAX_PER_MEETING + " escalations"))
            : escalations.insert(escalation))
        .compose(stored -> Future.all(users.withRole(Role.HR), users.findById(meeting.memberId())))
        .compose(both -> {
          List<User> hr = both.resultAt(0);
          String unit = both.<java.util.Optional<User>>resultAt(1).map(User::unit).orElse("");
          List<User> recipients = HrRecipients.select(hr, unit).stream().filter(u -> meeting.roleOf(u.id()).isEmpty()).toList();
          return notifications.insertAll(recipients.stream().map(u -> new Notification(Ids.next(), u.id(),
                  NotificationKind.ESCALATION, meeting.id(), escalation.id(), raiser.name(), meeting.memberName(),
                  meeting.managerName(), note, escalation.raisedAt(), null)).toList())
              .onSuccess(v -> {
                LOG.info("escalation raised meeting={} escalation={} hrNotified={}", meeting.id(), escalation.id(),
                    recipients.size());
                recipients.forEach(u -> mailer.send(u, escalation, meeting, raiser.name())
                    .onFailure(e -> LOG.warn("escalation e-mail failed escalation={} to user={}: {}", escalation.id(), u.id(),
                        e.getMessage())));
              })
              .map(new Raised(escalation, recipients.size()));
        });
  }

  /** An escalation as stored, and how many HR users it reached. */
  public record Raised(Escalation escalation, int notified) {}
}
