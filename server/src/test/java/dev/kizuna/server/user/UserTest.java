package dev.kizuna.server.user;

import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/users} and {@code GET /api/me}. */
class UserTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static JsonObject validUser() {
    return new JsonObject()
        .put("email", KizunaNode.uniqueEmail("new.user"))
        .put("name", "Nakamura Yui")
        .put("password", "long enough password")
        .put("roles", new JsonArray().add("MEMBER"));
  }

  @Test
  @DisplayName("an admin creates a user: 201 with the public user, and the new user can log in and read /api/me")
  void adminCreatesAUser() {
    JsonObject body = validUser().put("email", "Mixed.Case-" + System.nanoTime() + "@Example.TEST")
        .put("name", "  Nakamura Yui  ")
        .put("locale", "ja")
        .put("roles", new JsonArray().add("MANAGER").add("HR"));

    HttpResponse<Buffer> response = node.admin().post("/api/users", body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject user = response.bodyAsJsonObject();
    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "email", "name", "locale", "roles", "unit");
    assertThat(user.getString("id")).isNotBlank();
    assertThat(user.getString("email")).isEqualTo(body.getString("email").toLowerCase());
    assertThat(user.getString("name")).isEqualTo("Nakamura Yui");
    assertThat(user.getString("locale")).isEqualTo("ja");
    assertThat(user.getJsonArray("roles").getList()).containsExactlyInAnyOrder("MANAGER", "HR");

    Api client = node.login(body.getString("email"), body.getString("password"));
    assertThat(client.get("/api/me").bodyAsJsonObject()).isEqualTo(user);
  }

  @Test
  @DisplayName("a user created without a locale gets en")
  void localeDefaultsToEnglish() {
    HttpResponse<Buffer> response = node.admin().post("/api/users", validUser());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("locale")).isEqualTo("en");
  }

  @Test
  @DisplayName("a user keeps the organisation unit given at creation; without one it is empty")
  void organisationUnitIsKept() {
    JsonObject inUnit = node.admin().post("/api/users", validUser().put("unit", "Engineering/Platform")).bodyAsJsonObject();
    JsonObject outside = node.admin().post("/api/users", validUser()).bodyAsJsonObject();

    assertThat(inUnit.getString("unit")).isEqualTo("Engineering/Platform");
    assertThat(outside.getString("unit")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"MEMBER", "MANAGER", "HR"})
  @DisplayName("a user without the ADMIN role may not create users (403), and nothing is created")
  void nonAdminMayNotCreateUsers(String role) {
    Api caller = node.login(node.createUser("Not Admin", role));
    JsonObject body = validUser();

    assertProblem(caller.post("/api/users", body), 403);

    assertProblem(node.anonymous().tryLogin(body.getString("email"), body.getString("password")), 401);
  }

  @Test
  @DisplayName("an e-mail already taken, in any letter case, is refused with 409 and the first account is untouched")
  void duplicateEmailIsAConflict() {
    Account first = node.createUser("First Fujita");
    JsonObject again = validUser().put("email", first.email().toUpperCase()).put("password", "another password!");

    assertProblem(node.admin().post("/api/users", again), 409);

    assertThat(node.anonymous().tryLogin(first.email(), first.password()).statusCode()).isEqualTo(200);
    assertProblem(node.anonymous().tryLogin(first.email(), "another password!"), 401);
  }

  static Stream<Arguments> invalidUsers() {
    return Stream.of(
        invalid("an e-mail without @", "/email", b -> b.put("email", "not-an-email")),
        invalid("a password of 7 characters", "/password", b -> b.put("password", "1234567")),
        invalid("an unknown role", "/roles", b -> b.put("roles", new JsonArray().add("CEO"))),
        invalid("no roles", "/roles", b -> b.put("roles", new JsonArray())),
        invalid("a role twice", "/roles", b -> b.put("roles", new JsonArray().add("MEMBER").add("MEMBER"))),
        invalid("an unknown locale", "/locale", b -> b.put("locale", "fr")),
        invalid("a unit with an empty path segment", "/unit", b -> b.put("unit", "Engineering//Platform")),
        invalid("an empty name", "/name", b -> b.put("name", "")),
        invalid("a name of spaces only", "name", b -> b.put("name", "   ")),
        invalid("no password", "password", b -> b.remove("password")),
        invalid("an extra property", "isAdmin", b -> b.put("isAdmin", true)));
  }

  private static Arguments invalid(String what, String detail, Consumer<JsonObject> change) {
    JsonObject body = validUser();
    change.accept(body);
    return Arguments.of(what, detail, body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUsers")
  @DisplayName("an invalid user is refused with 400 whose detail names the field, and nothing is created")
  void invalidUserIsRefused(String what, String field, JsonObject body) {
    JsonObject problem = assertProblem(node.admin().post("/api/users", body), 400);

    assertThat(problem.getString("detail")).contains(field);
    if (body.getString("email") != null && body.getString("password") != null) {
      assertProblem(node.anonymous().tryLogin(body.getString("email"), body.getString("password")), 401);
    }
  }

  @Test
  @DisplayName("two users with the same password both log in with it")
  void samePasswordForTwoUsers() {
    Account one = node.createUser("Twin One");
    Account two = node.createUser("Twin Two");

    assertThat(node.login(one).userId()).isEqualTo(one.id());
    assertThat(node.login(two).userId()).isEqualTo(two.id());
  }
}
