package dev.kizuna.server.auth;

import dev.kizuna.server.user.Role;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Arrays;
import java.util.Optional;

/**
 * The logged-in user of a request: the session holds only the user id; the user is loaded
 * fresh on every request so that removed accounts and changed roles take effect at once.
 */
public final class CurrentUser {

  static final String SESSION_KEY = "userId";
  private static final String CONTEXT_KEY = "kizuna.user";

  private final UserRepository users;
  private final AccessTokens tokens;
  private final SessionSockets sockets;

  public CurrentUser(UserRepository users, AccessTokens tokens, SessionSockets sockets) {
    this.users = users;
    this.tokens = tokens;
    this.sockets = sockets;
  }

  /**
   * The user of a socket upgrade: the session's (then the socket closes when the session logs
   * out), else the owner of a bearer token from {@code POST /api/tokens} given as
   * {@code Authorization: Bearer} or {@code ?access_token=}.
   */
  public Future<Optional<User>> loadForSocket(RoutingContext ctx, ServerWebSocket socket) {
    return load(ctx.session()).compose(user -> {
      if (user.isPresent()) {
        sockets.track(ctx.session().id(), socket);
        return Future.succeededFuture(user);
      }
      String header = ctx.request().getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
          ? header.substring(7).trim()
          : ctx.request().getParam("access_token");
      return tokens.resolve(token).compose(userId -> userId.isEmpty()
          ? Future.succeededFuture(Optional.<User>empty())
          : users.findById(userId.get()));
    });
  }

  /** Loads the session's user, if any. */
  public Future<Optional<User>> load(Session session) {
    String userId = session == null ? null : session.get(SESSION_KEY);
    if (userId == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return users.findById(userId);
  }

  /** A handler that answers 401 without a logged-in user and otherwise puts the user in the context. */
  public Handler<RoutingContext> required() {
    return ctx -> load(ctx.session()).onSuccess(user -> {
      if (user.isEmpty()) {
        ctx.fail(HttpProblem.unauthorized());
      } else {
        ctx.put(CONTEXT_KEY, user.get());
        ctx.next();
      }
    }).onFailure(ctx::fail);
  }

  /** A handler that answers 403 unless the user (put by {@link #required()}) holds one of {@code roles}. */
  public static Handler<RoutingContext> anyRole(Role... roles) {
    return ctx -> {
      User user = of(ctx);
      if (Arrays.stream(roles).anyMatch(user::has)) {
        ctx.next();
      } else {
        ctx.fail(HttpProblem.forbidden("needs one of the roles " + Arrays.toString(roles)));
      }
    };
  }

  /** The user put in the context by {@link #required()}. */
  public static User of(RoutingContext ctx) {
    User user = ctx.get(CONTEXT_KEY);
    if (user == null) {
      throw new IllegalStateException("route is missing CurrentUser.required()");
    }
    return user;
  }
}
