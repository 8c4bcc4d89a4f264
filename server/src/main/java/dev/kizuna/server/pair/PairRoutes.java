package dev.kizuna.server.pair;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.user.Role;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/** {@code POST /api/pairs} and {@code GET /api/pairs}. */
public final class PairRoutes {

  private final PairRepository pairs;
  private final UserRepository users;

  public PairRoutes(PairRepository pairs, UserRepository users) {
    this.pairs = pairs;
    this.users = users;
  }

  /** An ADMIN pairs anyone; a MANAGER only pairs themselves as the manager. */
  public void create(RoutingContext ctx) {
    User caller = CurrentUser.of(ctx);
    JsonObject body = Responses.body(ctx);
    String managerId = body.getString("managerId");
    String memberId = body.getString("memberId");
    PairKind kind = PairKind.valueOf(body.getString("kind"));
    if (!caller.has(Role.ADMIN) && !(caller.has(Role.MANAGER) && caller.id().equals(managerId))) {
      ctx.fail(HttpProblem.forbidden("a manager may only create pairs they manage"));
      return;
    }
    if (managerId.equals(memberId)) {
      ctx.fail(HttpProblem.unprocessable("manager and member must be two different people"));
      return;
    }
    Future<Pair> created = Future.all(users.findById(managerId), users.findById(memberId)).compose(both -> {
      Optional<User> manager = both.resultAt(0);
      Optional<User> member = both.resultAt(1);
      if (manager.isEmpty() || member.isEmpty()) {
        return Future.failedFuture(HttpProblem.unprocessable("no user with id " + (manager.isEmpty() ? managerId : memberId)));
      }
      return pairs.insert(create(manager.get(), member.get(), kind));
    });
    Responses.json(ctx, 201, created.map(Pair::toJson));
  }

  /** A new pair value for the two users. */
  public static Pair create(User manager, User member, PairKind kind) {
    return new Pair(Ids.next(), manager.id(), member.id(), manager.name(), member.name(), kind,
        MongoDates.storable(Instant.now()));
  }

  public void list(RoutingContext ctx) {
    Responses.ok(ctx, () -> pairs.forUser(CurrentUser.of(ctx).id())
        .map(list -> new JsonArray(list.stream().map(Pair::toJson).toList())));
  }
}
