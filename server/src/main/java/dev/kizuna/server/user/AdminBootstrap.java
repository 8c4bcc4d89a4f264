package dev.kizuna.server.user;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** On first start (no users at all), creates the admin named by the environment, if any. */
public final class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  /**
   * @return whether an admin was created
   */
  public static Future<Boolean> run(UserRepository users, UserRoutes registrar, Optional<String> email,
      Optional<String> password) {
    if (email.isEmpty() || password.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return users.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture(false);
      }
      return registrar.register(email.get(), "Administrator", password.get(), "en", Set.of(Role.ADMIN))
          .onSuccess(u -> LOG.info("created the first admin {}", u.email()))
          .map(true);
    });
  }
}
