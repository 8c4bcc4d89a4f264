package dev.kizuna.server.memo;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.web.SocketUpgrade;
import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.RoomRefusal;
import dev.kizuna.signaling.memo.DocumentAccess;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoLimits;
import dev.kizuna.signaling.memo.RepoSession;
import dev.kizuna.signaling.memo.RepoSocket;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /ws/memo}: the automerge-repo sync socket. Authenticated by the session cookie or
 * a token from {@code POST /api/tokens} (4401 otherwise); what each user may sync is decided
 * per document by {@link MeetingMemoAccess}.
 */
public final class MemoEndpoint {

  private final CurrentUser currentUser;
  private final DocumentRegistry registry;
  private final DocumentAccess access;
  private final MemoLimits limits;

  public MemoEndpoint(CurrentUser currentUser, DocumentRegistry registry, DocumentAccess access, MemoLimits limits) {
    this.currentUser = currentUser;
    this.registry = registry;
    this.access = access;
    this.limits = limits;
  }

  public void handle(RoutingContext ctx) {
    SocketUpgrade.accept(ctx, socket -> currentUser.loadForSocket(ctx, socket).compose(user -> {
      if (user.isEmpty()) {
        return Future.failedFuture(new RoomRefusal(CloseCodes.UNAUTHENTICATED, "log in first"));
      }
      RepoSocket.serve(socket, new RepoSession(user.get().id()), registry, access, limits);
      return Future.succeededFuture();
    }));
  }
}
