package dev.kizuna.server.auth;

import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import java.util.Optional;

/** {@code POST /api/session} (log in), {@code DELETE /api/session} (log out), {@code POST /api/tokens}. */
public final class SessionRoutes {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AccessTokens tokens;
  private final SessionSockets sockets;
  private final LoginThrottle throttle = new LoginThrottle();
  private final Counter failures;

  /**
   * @param sockets the sockets of each session, closed on logout
   */
  public SessionRoutes(UserRepository users, PasswordHasher hasher, AccessTokens tokens, SessionSockets sockets,
      MeterRegistry registry) {
    this.sockets = sockets;
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.failures = Counter.builder("kizuna.login.failures").description("Refused logins").register(registry);
  }

  /**
   * Checks the credentials; on success starts a new session (new id: no fixation) for the user,
   * stored through {@code sessions} before the answer goes out, so that the next request finds it
   * on any node (a shared store is asynchronous).
   */
  public void login(RoutingContext ctx, SessionHandler sessions) {
    JsonObject body = Responses.body(ctx);
    String email = UserRepository.normalise(body.getString("email"));
    String password = body.getString("password");
    if (!throttle.tryAttempt(email, ctx.request().remoteAddress().hostAddress())) {
      failures.increment();
      ctx.fail(new HttpProblem(429, "Too many requests", "too many login attempts, wait a minute"));
      return;
    }
    users.findByEmail(email)
        .compose(user -> hasher.verify(user.map(User::passwordHash).orElse(null), password)
            .compose(valid -> accept(user, valid)))
        .onSuccess(user -> {
          ctx.session().regenerateId();
          ctx.session().put(CurrentUser.SESSION_KEY, user.id());
          Responses.json(ctx, 200, sessions.flush(ctx).map(v -> new JsonObject().put("user", user.toJson())));
        })
        .onFailure(ctx::fail);
  }

  private Future<User> accept(Optional<User> user, boolean valid) {
    if (user.isPresent() && valid) {
      return Future.succeededFuture(user.get());
    }
    failures.increment();
    return Future.failedFuture(new HttpProblem(401, "Unauthorized", "wrong e-mail or password"));
  }

  /** {@code POST /api/tokens}: a short-lived bearer token for the caller's sockets. */
  public void issueToken(RoutingContext ctx) {
    Responses.json(ctx, 201, tokens.issue(CurrentUser.of(ctx).id()).map(AccessTokens.Issued::toJson));
  }

  /** Ends the session, removed from {@code sessions} before the answer goes out. */
  public void logout(RoutingContext ctx, SessionHandler sessions) {
    sockets.closeAll(ctx.session().id());
    ctx.session().destroy();
    sessions.flush(ctx).onComplete(ar -> ctx.response().setStatusCode(204).end());
  }
}
