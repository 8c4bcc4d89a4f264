package dev.kizuna.server.auth;

import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import dev.kizuna.signaling.CloseCodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** {@code POST/DELETE /api/session}, the session cookie, and the 401 of every protected route. */
class SessionTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  @Test
  @DisplayName("a login answers the user without its password hash and sets an HttpOnly, SameSite=Lax session cookie")
  void loginSetsTheSessionCookie() {
    Account user = node.createUser("Sato Ken", "MEMBER");
    Api client = node.anonymous();

    HttpResponse<Buffer> response = client.tryLogin(user.email(), user.password());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactly("user");
    JsonObject answered = body.getJsonObject("user");
    assertThat(answered.fieldNames()).containsExactlyInAnyOrder("id", "email", "name", "locale", "roles", "unit");
    assertThat(answered.getString("id")).isEqualTo(user.id());
    assertThat(answered.getString("email")).isEqualTo(user.email());
    assertThat(answered.getJsonArray("roles").getList()).containsExactly("MEMBER");
    assertThat(response.bodyAsString()).doesNotContainIgnoringCase("hash").doesNotContain("pbkdf2");

    String cookie = sessionSetCookie(response);
    List<String> attributes = List.of(cookie.split(";\\s*"));
    assertThat(attributes.get(0)).matches(Api.SESSION_COOKIE + "=[^;]{16,}");
    assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("HttpOnly"));
    assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("SameSite=Lax"));
    assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("Path=/"));
    assertThat(attributes).noneMatch(a -> a.equalsIgnoreCase("Secure"));

    HttpResponse<Buffer> me = client.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject()).isEqualTo(answered);
  }

  @Test
  @DisplayName("with KIZUNA_SECURE_COOKIES=true the session cookie is also marked Secure")
  void secureCookies() {
    try (KizunaNode secure = new KizunaNode().with("KIZUNA_SECURE_COOKIES", "true").start()) {
      HttpResponse<Buffer> response = secure.anonymous().tryLogin(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD);

      assertThat(response.statusCode()).isEqualTo(200);
      List<String> attributes = List.of(sessionSetCookie(response).split(";\\s*"));
      assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("Secure"));
      assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("HttpOnly"));
      assertThat(attributes).anyMatch(a -> a.equalsIgnoreCase("SameSite=Lax"));
    }
  }

  @Test
  @DisplayName("the e-mail of a login is compared without regard to case or surrounding spaces")
  void loginIgnoresEmailCase() {
    Account user = node.createUser("Case Kato");

    HttpResponse<Buffer> response = node.anonymous().tryLogin("  " + user.email().toUpperCase() + " ", user.password());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("user").getString("id")).isEqualTo(user.id());
  }

  @Test
  @DisplayName("a wrong password is refused with 401 as problem+json and sets no session")
  void wrongPasswordIsRefused() {
    Account user = node.createUser("Wrong Pw");
    Api client = node.anonymous();

    JsonObject problem = assertProblem(client.tryLogin(user.email(), "not the password"), 401);

    assertThat(problem.getString("detail")).isEqualTo("wrong e-mail or password");
    assertProblem(client.get("/api/me"), 401);
  }

  @Test
  @DisplayName("an unknown e-mail gets the same 401 as a wrong password, so it does not reveal who has an account")
  void unknownEmailIsRefusedLikeAWrongPassword() {
    Account user = node.createUser("Known One");
    JsonObject wrongPassword = assertProblem(node.anonymous().tryLogin(user.email(), "nope-nope"), 401);

    JsonObject unknown = assertProblem(node.anonymous().tryLogin(KizunaNode.uniqueEmail("nobody"), "nope-nope"), 401);

    assertThat(unknown).isEqualTo(wrongPassword);
  }

  @Test
  @DisplayName("the 11th rapid attempt for one e-mail is refused with 429, even with the right password and whatever the case")
  void rapidAttemptsAreThrottled() {
    Account user = node.createUser("Throttled Taro");
    Account bystander = node.createUser("Bystander Bo");
    Api client = node.anonymous();
    for (int i = 0; i < 10; i++) {
      String email = i % 2 == 0 ? user.email() : user.email().toUpperCase();
      assertProblem(client.tryLogin(email, "guess-" + i), 401);
    }

    assertProblem(client.tryLogin(user.email(), "guess-10"), 429);
    assertProblem(client.tryLogin(user.email(), user.password()), 429);
    assertProblem(client.get("/api/me"), 401);

    assertThat(node.anonymous().tryLogin(bystander.email(), bystander.password()).statusCode())
        .as("another e-mail from the same address is not throttled").isEqualTo(200);
  }

  @Test
  @DisplayName("logging out answers 204 and the session's cookie no longer authenticates")
  void logoutEndsTheSession() {
    Account user = node.createUser("Leaving Lee");
    Api client = node.login(user);
    String sessionId = client.sessionId().orElseThrow();
    assertThat(client.get("/api/me").statusCode()).isEqualTo(200);

    HttpResponse<Buffer> logout = client.delete("/api/session");

    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(logout.bodyAsString()).isNullOrEmpty();
    assertProblem(client.get("/api/me"), 401);
    assertProblem(node.withSessionCookie(sessionId).get("/api/me"), 401);
  }

  @Test
  @DisplayName("logging out closes the room and memo sockets that session opened with 4401; another session's stay open")
  void logoutClosesTheSessionsSockets() {
    Duo duo = node.duo();
    String meetingId = KizunaNode.createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    Api otherTab = node.login(duo.member());
    try (RoomClient room = node.socket("/ws/rooms/" + meetingId, Map.of("Cookie", duo.memberApi().cookieHeader()));
        RoomClient memo = node.socket("/ws/memo", Map.of("Cookie", duo.memberApi().cookieHeader()));
        RoomClient otherRoom = node.socket("/ws/rooms/" + meetingId, Map.of("Cookie", duo.managerApi().cookieHeader()))) {
      room.join();
      otherRoom.join();

      assertThat(duo.memberApi().delete("/api/session").statusCode()).isEqualTo(204);

      assertThat(room.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
      assertThat(memo.awaitClose()).isEqualTo(CloseCodes.UNAUTHENTICATED);
      otherRoom.awaitMessage("peer-left", m -> true, Duration.ofSeconds(5));
      assertThat(otherRoom.isClosed()).isFalse();
      assertThat(otherTab.get("/api/me").statusCode()).as("another session of the same user").isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a login issues a new session id, so a session id planted before the login is worthless (no fixation)")
  void loginRegeneratesTheSessionId() {
    Account user = node.createUser("Fixated Fumi");
    String planted = "attacker-chosen-session-id";

    HttpResponse<Buffer> login = node.withSessionCookie(planted).tryLogin(user.email(), user.password());

    assertThat(login.statusCode()).isEqualTo(200);
    String issued = sessionId(login);
    assertThat(issued).isNotEqualTo(planted);
    assertProblem(node.withSessionCookie(planted).get("/api/me"), 401);
    assertThat(node.withSessionCookie(issued).get("/api/me").bodyAsJsonObject().getString("id")).isEqualTo(user.id());
  }

  @Test
  @DisplayName("logging in on a browser that holds someone else's valid session gives a new session; the old id does not become the new user")
  void loginOverAnotherSessionRegeneratesIt() {
    Account attacker = node.createUser("Attacker Aki");
    Account victim = node.createUser("Victim Vic");
    String attackerSession = node.login(attacker).sessionId().orElseThrow();

    HttpResponse<Buffer> login = node.withSessionCookie(attackerSession).tryLogin(victim.email(), victim.password());

    assertThat(login.statusCode()).isEqualTo(200);
    String issued = sessionId(login);
    assertThat(issued).isNotEqualTo(attackerSession);
    assertThat(node.withSessionCookie(issued).get("/api/me").bodyAsJsonObject().getString("id")).isEqualTo(victim.id());
    assertProblem(node.withSessionCookie(attackerSession).get("/api/me"), 401);
  }

  @Test
  @DisplayName("a request without a session gets no session cookie (sessions start at login)")
  void anonymousRequestsGetNoCookie() {
    HttpResponse<Buffer> response = node.anonymous().get("/api/me");

    assertProblem(response, 401);
    assertThat(response.cookies()).noneMatch(c -> c.startsWith(Api.SESSION_COOKIE + "="));
  }

  @Test
  @DisplayName("a session cookie the server never issued is refused with 401")
  void madeUpSessionIsRefused() {
    assertProblem(node.withSessionCookie("0123456789abcdef0123456789abcdef").get("/api/me"), 401);
  }

  @ParameterizedTest(name = "body [{0}]")
  @ValueSource(strings = {
      "",
      "{not json",
      "[]",
      "{\"email\":\"someone@example.test\"}",
      "{\"password\":\"x\"}",
      "{\"email\":\"someone@example.test\",\"password\":\"\"}",
      "{\"email\":\"someone@example.test\",\"password\":\"x\",\"remember\":true}",
      "{\"email\":42,\"password\":\"x\"}"
  })
  @DisplayName("a login with a missing or malformed body is refused with 400 problem+json")
  void malformedLoginIsRefused(String body) {
    HttpResponse<Buffer> response = body.isEmpty()
        ? node.anonymous().send(HttpMethod.POST, "/api/session", null)
        : node.anonymous().post("/api/session", body);

    assertProblem(response, 400);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("protectedRoutes")
  @DisplayName("every /api route of openapi.yaml but the login answers 401 problem+json without a session")
  void everyProtectedRouteNeedsASession(HttpMethod method, String path) {
    assertProblem(node.anonymous().send(method, path, null), 401);
  }

  @Test
  @DisplayName("the table of protected routes covers every operation of openapi.yaml but the login")
  void protectedRoutesCoverTheContract() {
    assertThat(protectedRoutes().map(a -> a.get()[0] + " " + a.get()[1]))
        .containsExactlyInAnyOrder(
            "DELETE /api/session", "POST /api/tokens", "GET /api/me", "POST /api/users", "POST /api/pairs", "GET /api/pairs",
            "POST /api/meetings", "GET /api/meetings", "GET /api/meetings/some-id",
            "PUT /api/meetings/some-id/agenda", "PUT /api/meetings/some-id/guests", "GET /api/meetings/some-id/memo", "GET /api/meetings/some-id/transcript",
            "POST /api/meetings/some-id/end", "GET /api/meetings/some-id/prep", "GET /api/hints", "POST /api/hints",
            "PUT /api/hints/some-id/some-id", "POST /api/meetings/some-id/hints/some-id/helpful",
            "POST /api/meetings/some-id/summary", "POST /api/meetings/some-id/summary/accept",
            "GET /api/meetings/some-id/carried-over", "PUT /api/promises/some-id", "GET /api/pulse/questions",
            "PUT /api/pulse/questions", "POST /api/me/pulse", "GET /api/me/pulse", "GET /api/pulse/aggregate",
            "GET /api/admin/analytics",
            "POST /api/meetings/some-id/shares", "GET /api/meetings/some-id/shares", "POST /api/meetings/some-id/escalations",
            "GET /api/shares/some-id", "DELETE /api/shares/some-id", "GET /api/me/shared", "GET /api/me/notifications",
            "POST /api/me/notifications/some-id/read", "GET /api/pairs/some-id/share-rules", "PUT /api/pairs/some-id/share-rules",
            "DELETE /api/pairs/some-id/share-rules/some-id", "POST /api/pairs/some-id/handover",
            "POST /api/meetings/some-id/feedback", "GET /api/meetings/some-id/feedback",
            "POST /api/meetings/some-id/reflection", "GET /api/meetings/some-id/reflection", "GET /api/me/reflections",
            "GET /api/me/insights", "GET /api/hints/words");
  }

  /** Every (method, path) of openapi.yaml except {@code POST /api/session}, path parameters filled in. */
  @SuppressWarnings("unchecked")
  static Stream<Arguments> protectedRoutes() {
    Map<String, Object> contract;
    try (InputStream in = SessionTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      contract = new Yaml().load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Arguments> routes = new ArrayList<>();
    ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, operations) ->
        operations.keySet().stream()
            .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
            .map(m -> HttpMethod.valueOf(m.toUpperCase()))
            .filter(m -> !(m == HttpMethod.POST && path.equals("/api/session")))
            .forEach(m -> routes.add(Arguments.of(m, path.replaceAll("\\{[^}]+}", "some-id")))));
    return routes.stream();
  }

  private static String sessionId(HttpResponse<Buffer> response) {
    return sessionSetCookie(response).split(";")[0].substring(Api.SESSION_COOKIE.length() + 1);
  }

  private static String sessionSetCookie(HttpResponse<Buffer> response) {
    List<String> cookies = response.cookies().stream().filter(c -> c.startsWith(Api.SESSION_COOKIE + "=")).toList();
    assertThat(cookies).as("Set-Cookie headers of %s", response.headers()).hasSize(1);
    return cookies.get(0);
  }
}
