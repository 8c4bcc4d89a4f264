package dev.kizuna.server.user;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.auth.PasswordHasher;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET /api/me} and {@code POST /api/users}. */
public final class UserRoutes {

  private final UserRepository users;
  private final PasswordHasher hasher;

  public UserRoutes(UserRepository users, PasswordHasher hasher) {
    this.users = users;
    this.hasher = hasher;
  }

  public void me(RoutingContext ctx) {
    Responses.json(ctx, 200, Future.succeededFuture(CurrentUser.of(ctx).toJson()));
  }

  /** Creates an account from a validated body (the route admits ADMIN only). */
  public void create(RoutingContext ctx) {
    JsonObject body = Responses.body(ctx);
    String name = body.getString("name").trim();
    if (name.isEmpty()) {
      ctx.fail(HttpProblem.badRequest("name must not be blank"));
      return;
    }
    Set<Role> roles = body.getJsonArray("roles").stream().map(r -> Role.valueOf(r.toString())).collect(Collectors.toSet());
    Responses.json(ctx, 201, register(body.getString("email"), name,
        body.getString("password"), body.getString("locale", "en"), roles, body.getString("unit", "").trim())
        .map(User::toJson));
  }

  /** Hashes the password off the event loop and stores a new user outside any organisation unit. */
  public Future<User> register(String email, String name, String password, String locale, Set<Role> roles) {
    return register(email, name, password, locale, roles, "");
  }

  /** Hashes the password off the event loop and stores a new user in organisation unit {@code unit}. */
  public Future<User> register(String email, String name, String password, String locale, Set<Role> roles,
      String unit) {
    return hasher.hash(password).compose(hash -> users.insert(
        new User(Ids.next(), UserRepository.normalise(email), name, locale, roles, unit, hash, Instant.now())));
  }
}
