package dev.kizuna.server.share;

import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Finds the recipient a request names by {@code recipientId} or {@code recipientEmail} (exactly one). */
final class Recipients {

  private Recipients() {}

  /** @return fails with 400 unless exactly one is given, 422 when no such user exists */
  static Future<User> named(UserRepository users, JsonObject body) {
    String id = body.getString("recipientId");
    String email = body.getString("recipientEmail");
    if ((id == null) == (email == null)) {
      return Future.failedFuture(HttpProblem.badRequest("name the recipient by recipientId or recipientEmail"));
    }
    Future<Optional<User>> found = id != null ? users.findById(id) : users.findByEmail(email);
    return found.compose(u -> u.isPresent() ? Future.succeededFuture(u.get())
        : Future.failedFuture(HttpProblem.unprocessable("no such user")));
  }
}
