package dev.kizuna.server.share;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.notification.Notification;
import dev.kizuna.server.notification.NotificationKind;
import dev.kizuna.server.notification.NotificationRepository;
import dev.kizuna.server.user.User;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Tells an invited user in the app that a memo was shared with them. */
public final class ShareNotices {

  private final NotificationRepository notifications;

  public ShareNotices(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** A {@link NotificationKind#SHARED} notification for {@code share}'s recipient, naming {@code sharer}. */
  public Future<Void> shared(Share share, Meeting meeting, User sharer) {
    return notifications.insertAll(List.of(new Notification(Ids.next(), share.recipientId(), NotificationKind.SHARED,
        meeting.id(), share.id(), sharer.name(), meeting.memberName(), meeting.managerName(), null,
        MongoDates.storable(Instant.now()), null)));
  }
}
