package dev.kizuna.server.meeting;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The meeting's guest ("2on1") outside the room: invited by e-mail, sees the meeting in their list
 * and in {@code GET /api/meetings/{id}} only as the guest's view (time, the pair's names, status),
 * and is refused every other meeting route.
 */
class GuestViewTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static final String NOTE = "I want to talk about my transfer request";

  private static Duo duo;
  private static Account guest;
  private static Api guestApi;
  private static String meetingId;

  @BeforeAll
  static void invite() {
    duo = node.duo();
    guest = node.createUser("Guest Gotou", "HR");
    guestApi = node.login(guest);
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    JsonObject agenda = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("topic", "CAREER").put("expectation", "LISTEN").put("note", NOTE)));
    assertThat(duo.memberApi().put(path("/agenda"), agenda).statusCode()).isEqualTo(200);
    var response = duo.memberApi().put(path("/guests"),
        new JsonObject().put("guestEmails", new JsonArray().add(guest.email().toUpperCase(Locale.ROOT))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject invited = response.bodyAsJsonObject();
    assertThat(invited.getJsonArray("guests"))
        .containsExactly(new JsonObject().put("id", guest.id()).put("name", "Guest Gotou"));
  }

  private static String path(String rest) {
    return "/api/meetings/" + meetingId + rest;
  }

  @Test
  @DisplayName("the guest reads only the guest's view of the meeting: time, the pair's names, status; no agenda, memo or ids")
  void guestView() {
    var response = guestApi.get(path(""));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject view = response.bodyAsJsonObject();
    assertThat(view.fieldNames()).containsExactlyInAnyOrder("id", "memberName", "managerName", "scheduledAt",
        "durationMinutes", "status", "yourRole", "guests");
    assertThat(view.getString("yourRole")).isEqualTo("GUEST");
    assertThat(view.getString("memberName")).isEqualTo(duo.member().name());
    assertThat(view.getString("managerName")).isEqualTo(duo.manager().name());
    assertThat(view.getString("status")).isEqualTo("PLANNED");
    assertThat(response.bodyAsString()).doesNotContain(NOTE).doesNotContain("automerge:");
    JsonObject pairView = duo.managerApi().get("/api/meetings/" + meetingId).bodyAsJsonObject();
    assertThat(pairView.getString("yourRole")).isEqualTo("MANAGER");
    assertThat(pairView.encode()).contains(NOTE, "automerge:");
  }

  @Test
  @DisplayName("the guest's meeting list holds the meeting in the guest's view; the pair's lists are unchanged")
  void guestList() {
    JsonArray mine = guestApi.get("/api/meetings").bodyAsJsonArray();

    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("id")).isEqualTo(meetingId);
    assertThat(mine.getJsonObject(0).getString("yourRole")).isEqualTo("GUEST");
    assertThat(mine.encode()).doesNotContain(NOTE).doesNotContain("agenda");
    JsonArray members = duo.memberApi().get("/api/meetings").bodyAsJsonArray();
    assertThat(members.getJsonObject(0).getString("yourRole")).isEqualTo("MEMBER");
    assertThat(members.encode()).contains(NOTE);
  }

  static Stream<Arguments> pairRoutes() {
    JsonObject feedback = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("index", 0).put("rating", 5)))
        .put("shareAsHint", false);
    return Stream.of(
        Arguments.of(HttpMethod.GET, "/memo", null),
        Arguments.of(HttpMethod.GET, "/transcript", null),
        Arguments.of(HttpMethod.GET, "/prep", null),
        Arguments.of(HttpMethod.GET, "/carried-over", null),
        Arguments.of(HttpMethod.POST, "/summary", null),
        Arguments.of(HttpMethod.POST, "/summary/accept", null),
        Arguments.of(HttpMethod.GET, "/feedback", null),
        Arguments.of(HttpMethod.POST, "/feedback", feedback),
        Arguments.of(HttpMethod.GET, "/reflection", null),
        Arguments.of(HttpMethod.POST, "/reflection", new JsonObject().put("shareAsHint", false)),
        Arguments.of(HttpMethod.GET, "/shares", null),
        Arguments.of(HttpMethod.POST, "/shares", new JsonObject().put("kind", "LINK")),
        Arguments.of(HttpMethod.POST, "/escalations", new JsonObject().put("note", "help")),
        Arguments.of(HttpMethod.POST, "/hints/some-hint/helpful", null),
        Arguments.of(HttpMethod.PUT, "/agenda", new JsonObject().put("items", new JsonArray())),
        Arguments.of(HttpMethod.PUT, "/guests", new JsonObject().put("guestIds", new JsonArray())),
        Arguments.of(HttpMethod.POST, "/end", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pairRoutes")
  @DisplayName("every other meeting route refuses the guest with 403")
  void pairOnly(HttpMethod method, String rest, JsonObject body) {
    assertProblem(guestApi.send(method, path(rest), body), 403);
  }

  @Test
  @DisplayName("the guest's audio socket is refused (4403): a guest is never transcribed")
  void noAudio() {
    try (RoomClient audio = node.socket("/ws/rooms/" + meetingId + "/audio", Map.of("Cookie", guestApi.cookieHeader()))) {
      assertThat(audio.awaitClose()).isEqualTo((short) 4403);
    }
  }

  @Test
  @DisplayName("guests by e-mail: unknown e-mails, a party of the pair, both lists or none are refused (400); an empty list removes the guest, who then gets 403")
  void inviteByEmail() {
    String other = createMeeting(duo.managerApi(), duo.pairId()).getString("id");
    String guests = "/api/meetings/" + other + "/guests";
    Account hr = node.createUser("Hana Hayashi", "HR");
    Api hrApi = node.login(hr);
    JsonArray hrEmail = new JsonArray().add(hr.email());

    assertProblem(duo.managerApi().put(guests, new JsonObject().put("guestEmails", new JsonArray().add("nobody@nowhere.test"))), 400);
    assertProblem(duo.managerApi().put(guests, new JsonObject().put("guestEmails", new JsonArray().add("not an e-mail"))), 400);
    assertProblem(duo.managerApi().put(guests, new JsonObject().put("guestEmails", new JsonArray().add(duo.member().email()))), 400);
    assertProblem(duo.managerApi().put(guests, new JsonObject().put("guestEmails", hrEmail).put("guestIds", new JsonArray())), 400);
    assertProblem(duo.managerApi().put(guests, new JsonObject()), 400);
    assertProblem(node.login(node.createUser("Stranger Sano", "MEMBER")).put(guests, new JsonObject().put("guestEmails", hrEmail)), 403);

    assertThat(duo.managerApi().put(guests, new JsonObject().put("guestEmails", hrEmail)).bodyAsJsonObject()
        .getJsonArray("guests").getJsonObject(0).getString("id")).isEqualTo(hr.id());
    assertThat(hrApi.get("/api/meetings/" + other).bodyAsJsonObject().getString("yourRole")).isEqualTo("GUEST");

    assertThat(duo.memberApi().put(guests, new JsonObject().put("guestEmails", new JsonArray())).bodyAsJsonObject()
        .getJsonArray("guests")).isEmpty();
    assertProblem(hrApi.get("/api/meetings/" + other), 403);
    assertThat(hrApi.get("/api/meetings").bodyAsJsonArray()).isEmpty();
  }
}
