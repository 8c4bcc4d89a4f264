package dev.kizuna.server.notification;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code GET /api/me/notifications} and {@code POST /api/me/notifications/{id}/read}: the caller's own only. */
public final class NotificationRoutes {

  private final NotificationRepository notifications;

  public NotificationRoutes(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** The caller's notifications, newest first. */
  public void list(RoutingContext ctx) {
    Responses.ok(ctx, () -> notifications.forUser(CurrentUser.of(ctx).id())
        .map(list -> new JsonArray(list.stream().map(Notification::toJson).toList())));
  }

  /** Marks one of the caller's notifications read; 404 for any other id (someone else's looks unknown). */
  public void markRead(RoutingContext ctx) {
    String id = Responses.pathParam(ctx, "notificationId");
    String me = CurrentUser.of(ctx).id();
    Responses.ok(ctx, () -> notifications.markRead(id, me, Instant.now()).compose(found -> found
        ? Future.succeededFuture(new io.vertx.core.json.JsonObject().put("id", id).put("read", true))
        : Future.failedFuture(HttpProblem.notFound("no such notification"))));
  }
}
