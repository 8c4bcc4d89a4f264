package dev.kizuna.server.share;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The share routes: the pair creates, lists (with the audit log) and revokes a meeting's shares; an
 * invited user lists what was shared with them and reads it (each reading audited).
 */
public final class ShareRoutes {

  private final PairGate gate;
  private final ShareService shares;
  private final UserRepository users;
  private final ShareNotices notices;

  public ShareRoutes(PairGate gate, ShareService shares, UserRepository users, ShareNotices notices) {
    this.gate = gate;
    this.shares = shares;
    this.users = users;
    this.notices = notices;
  }

  /**
   * {@code POST /api/meetings/{id}/shares}: either party shares the memo as a link
   * ({@code {kind: LINK, expiresInDays?, includeTranscript?}}, answers the token once) or with a user
   * ({@code {kind: USER, recipientId | recipientEmail, expiresInDays?, includeTranscript?}}).
   */
  public void create(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    JsonObject body = Responses.body(ctx);
    boolean transcript = body.getBoolean("includeTranscript", false);
    Integer days = body.getInteger("expiresInDays");
    Future<JsonObject> created = gate.meetingFor(Responses.pathParam(ctx, "id"), me.id()).compose(meeting -> {
      if (ShareKind.valueOf(body.getString("kind")) == ShareKind.LINK) {
        return shares.createLink(meeting, me, days == null ? ShareService.DEFAULT_LINK_DAYS : days, transcript)
            .map(link -> new JsonObject().put("share", shares.toJson(link.share()))
                .put("token", link.token()).put("path", "/shared/" + link.token()));
      }
      return Recipients.named(users, body).compose(recipient -> shares.invite(meeting, me, recipient, transcript, days)
          .compose(share -> notices.shared(share, meeting, me).map(share)))
          .map(share -> new JsonObject().put("share", shares.toJson(share)));
    });
    Responses.json(ctx, 201, created);
  }

  /** {@code GET /api/meetings/{id}/shares}: the meeting's shares with every reading; the pair only. */
  public void list(RoutingContext ctx) {
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id())
        .compose(shares::listWithViews));
  }

  /** {@code DELETE /api/shares/{id}}: either party of the pair revokes a share; answers it. */
  public void revoke(RoutingContext ctx) {
    Responses.ok(ctx, () -> shares.revoke(Responses.pathParam(ctx, "shareId"), CurrentUser.of(ctx)).map(shares::toJson));
  }

  /** {@code GET /api/me/shared}: the open shares the caller was invited to, newest first. */
  public void sharedWithMe(RoutingContext ctx) {
    Instant now = shares.instant();
    Responses.ok(ctx, () -> shares.openFor(CurrentUser.of(ctx)).compose(list -> Future.all(list.stream()
            .map(s -> shares.meeting(s).map(m -> withMeeting(s.toJson(now), m))).toList()))
        .map(all -> new JsonArray(all.list())));
  }

  private static JsonObject withMeeting(JsonObject share, Meeting meeting) {
    return share.put("scheduledAt", meeting.scheduledAt().toString())
        .put("memberName", meeting.memberName()).put("managerName", meeting.managerName());
  }

  /**
   * {@code GET /api/shares/{id}}: the invited user reads the memo (and the transcript if included),
   * headings in their language; recorded in the audit log first.
   */
  public void read(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    Responses.ok(ctx, () -> shares.openInvite(Responses.pathParam(ctx, "shareId"), me)
        .compose(share -> shares.recordView(share, Optional.of(me), "")
            .compose(v -> shares.content(share, Locale.forLanguageTag(me.locale()))))
        .map(content -> content.toJson(shares.instant())));
  }
}
