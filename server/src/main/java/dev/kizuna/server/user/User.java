package dev.kizuna.server.user;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * A local account.
 *
 * @param id opaque id
 * @param email lower-cased e-mail, unique
 * @param name display name
 * @param locale {@code en} or {@code ja}
 * @param roles organisation roles
 * @param unit organisation unit as a slash-separated path ({@code Engineering/Platform}); empty when unset
 * @param passwordHash PBKDF2 hash string in vertx-auth's {@code $pbkdf2$it=..$salt$hash} form
 * @param createdAt creation time
 */
public record User(String id, String email, String name, String locale, Set<Role> roles, String unit,
    String passwordHash, Instant createdAt) {

  public User {
    roles = Set.copyOf(roles);
    unit = unit == null ? "" : unit;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The public form {@code {id,email,name,locale,roles,unit}}; never the hash. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("name", name)
        .put("locale", locale)
        .put("roles", new JsonArray(roles.stream().sorted().map(Role::name).toList()))
        .put("unit", unit);
  }
}
