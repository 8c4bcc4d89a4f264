package dev.kizuna.server.share;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.pair.Pair;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /api/pairs/{id}/handover {toPairId}}: the member consents to hand the memos of their
 * ended meetings with the pair's manager over to the manager of their new pair. The new manager then
 * reads each as an invited user (source {@code HANDOVER}, no transcript), every reading audited; the
 * member may revoke each share like any other.
 */
public final class HandoverRoutes {

  private final PairLookup pairs;
  private final MeetingRepository meetings;
  private final UserRepository users;
  private final ShareService shares;

  public HandoverRoutes(PairRepository pairs, MeetingRepository meetings, UserRepository users, ShareService shares) {
    this.pairs = new PairLookup(pairs);
    this.meetings = meetings;
    this.users = users;
    this.shares = shares;
  }

  /** Answers {@code {toPairId, newManagerId, shares:[...]}} with the shares made now. */
  public void handover(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    String toPairId = Responses.body(ctx).getString("toPairId");
    Responses.ok(ctx, () -> pairs.asMember(Responses.pathParam(ctx, "id"), me.id())
        .compose(from -> pairs.repository().findById(toPairId).compose(to -> check(from, to))
            .compose(to -> users.findById(to.managerId()).compose(manager -> manager.isEmpty()
                ? Future.failedFuture(HttpProblem.unprocessable("the new pair's manager no longer exists"))
                : handOver(from, me, manager.get())
                    .map(made -> new JsonObject().put("toPairId", to.id()).put("newManagerId", to.managerId())
                        .put("shares", made))))));
  }

  private static Future<Pair> check(Pair from, Optional<Pair> to) {
    if (to.isEmpty()) {
      return Future.failedFuture(HttpProblem.unprocessable("no such pair: toPairId"));
    }
    if (!to.get().memberId().equals(from.memberId()) || to.get().managerId().equals(from.managerId())) {
      return Future.failedFuture(HttpProblem.unprocessable("toPairId must be your pair with a different manager"));
    }
    return Future.succeededFuture(to.get());
  }

  private Future<JsonArray> handOver(Pair from, User member, User newManager) {
    return meetings.forUser(member.id()).compose(list -> Future.all(list.stream()
            .filter(m -> m.pairId().equals(from.id()) && m.status() == MeetingStatus.ENDED)
            .map(m -> shares.grant(m, member.id(), newManager, false, ShareSource.HANDOVER, member.locale()))
            .toList()))
        .map(all -> new JsonArray(all.<Optional<Share>>list().stream().flatMap(Optional::stream)
            .map(shares::toJson).toList()));
  }
}
