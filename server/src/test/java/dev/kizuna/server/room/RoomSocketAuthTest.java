package dev.kizuna.server.room;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's side of the room socket {@code /ws/rooms/{meetingId}}: who is let in (close
 * codes 4401/4403/4404/4410), what joining does to the meeting, the end of a meeting reaching
 * the room, and the ICE servers handed out. The protocol itself is tested in the signaling module.
 */
class RoomSocketAuthTest {

  private static final String STUN = "stun:stun.kizuna.test:3478";
  private static final String TURN_UDP = "turn:turn.kizuna.test:3478?transport=udp";
  private static final String TURNS = "turns:turn.kizuna.test:5349";
  private static final String TURN_SECRET = "coturn-static-auth-secret";
  private static final long TURN_TTL_SECONDS = 600;

  /** STUN and TURN URLs but no TURN secret: TURN must not be offered. */
  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_STUN_URLS", STUN)
      .with("KIZUNA_TURN_URLS", TURN_UDP);

  @RegisterExtension
  static final KizunaNode turnNode = new KizunaNode()
      .with("KIZUNA_STUN_URLS", STUN)
      .with("KIZUNA_TURN_URLS", TURN_UDP + " , " + TURNS)
      .with("KIZUNA_TURN_SECRET", TURN_SECRET)
      .with("KIZUNA_TURN_TTL_SECONDS", Long.toString(TURN_TTL_SECONDS));

  private Duo duo;
  private String meetingId;

  @BeforeEach
  void plannedMeeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  private JsonObject meeting() {
    return duo.memberApi().get("/api/meetings/" + meetingId).bodyAsJsonObject();
  }

  @Test
  @DisplayName("a plain HTTP request to the room socket path is refused with 400 problem+json")
  void plainHttpIsRefused() {
    assertProblem(duo.memberApi().get("/ws/rooms/" + meetingId), 400);

    assertThat(meeting().getString("status")).isEqualTo("PLANNED");
  }

  @Test
  @DisplayName("a socket without a session cookie is closed with 4401")
  void noCookieIsUnauthenticated() {
    try (RoomClient room = node.room(meetingId, null)) {
      assertThat(room.awaitClose()).isEqualTo((short) 4401);
    }
    assertThat(meeting().getString("status")).isEqualTo("PLANNED");
  }

  @Test
  @DisplayName("a socket with a logged-out session's cookie is closed with 4401")
  void loggedOutCookieIsUnauthenticated() {
    Api member = node.login(duo.member());
    String cookie = member.cookieHeader();
    assertThat(member.delete("/api/session").statusCode()).isEqualTo(204);

    try (RoomClient room = node.roomWithCookie(meetingId, cookie)) {
      assertThat(room.awaitClose()).isEqualTo((short) 4401);
    }
  }

  @Test
  @DisplayName("a logged-in user outside the pair is closed with 4403, even an admin, and the meeting stays PLANNED")
  void outsiderIsForbidden() {
    Api outsider = node.login(node.createUser("Room Outsider", "MANAGER"));

    try (RoomClient room = node.room(meetingId, outsider); RoomClient admin = node.room(meetingId, node.admin())) {
      assertThat(room.awaitClose()).isEqualTo((short) 4403);
      assertThat(admin.awaitClose()).isEqualTo((short) 4403);
    }
    assertThat(meeting().getString("status")).isEqualTo("PLANNED");
  }

  @Test
  @DisplayName("a socket to an unknown meeting is closed with 4404")
  void unknownMeetingIsNotFound() {
    try (RoomClient room = node.room("no-such-meeting", duo.memberApi())) {
      assertThat(room.awaitClose()).isEqualTo((short) 4404);
    }
  }

  @Test
  @DisplayName("a socket to an ended meeting is closed with 4410")
  void endedMeetingIsGone() {
    assertThat(duo.managerApi().post("/api/meetings/" + meetingId + "/end", null).statusCode()).isEqualTo(200);

    try (RoomClient room = node.room(meetingId, duo.memberApi())) {
      assertThat(room.awaitClose()).isEqualTo((short) 4410);
    }
  }

  @Test
  @DisplayName("the member's join is welcomed with role MEMBER, and the meeting turns LIVE with startedAt")
  void memberJoinStartsTheMeeting() {
    Instant before = Instant.now().minusSeconds(1);
    try (RoomClient member = node.room(meetingId, duo.memberApi())) {

      JsonObject welcome = member.join();

      assertThat(welcome.getString("role")).isEqualTo("MEMBER");
      assertThat(welcome.getString("you")).isNotBlank();
      assertThat(welcome.getJsonArray("peers").getList()).isEmpty();
      JsonObject live = meeting();
      assertThat(live.getString("status")).isEqualTo("LIVE");
      assertThat(Instant.parse(live.getString("startedAt"))).isBetween(before, Instant.now().plusSeconds(1));
    }
  }

  @Test
  @DisplayName("the manager joining sees the member among the peers, and the member is told peer-joined")
  void managerJoinsTheMember() {
    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi())) {
      String memberPeer = member.join().getString("you");

      JsonObject welcome = manager.join();

      assertThat(welcome.getString("role")).isEqualTo("MANAGER");
      JsonArray peers = welcome.getJsonArray("peers");
      assertThat(peers.size()).isEqualTo(1);
      assertThat(peers.getJsonObject(0)).isEqualTo(new JsonObject()
          .put("id", memberPeer)
          .put("userId", duo.member().id())
          .put("role", "MEMBER")
          .put("name", duo.member().name()));
      JsonObject joined = member.next("peer-joined").getJsonObject("peer");
      assertThat(joined.getString("id")).isEqualTo(welcome.getString("you"));
      assertThat(joined.getString("userId")).isEqualTo(duo.manager().id());
      assertThat(joined.getString("role")).isEqualTo("MANAGER");
      assertThat(joined.getString("name")).isEqualTo(duo.manager().name());
    }
  }

  @Test
  @DisplayName("a signal from the member is relayed as is to the manager, marked with the member's peer id")
  void signalIsRelayed() {
    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi())) {
      String memberPeer = member.join().getString("you");
      String managerPeer = manager.join().getString("you");
      member.next("peer-joined");
      JsonObject offer = new JsonObject().put("description", new JsonObject().put("type", "offer").put("sdp", "v=0\r\n"));

      member.send(new JsonObject().put("type", "signal").put("to", managerPeer).put("data", offer));

      JsonObject relayed = manager.next("signal");
      assertThat(relayed.getString("from")).isEqualTo(memberPeer);
      assertThat(relayed.getJsonObject("data")).isEqualTo(offer);
    }
  }

  @Test
  @DisplayName("the same user connecting again replaces the older socket, which is closed with 4409")
  void secondConnectionReplacesTheFirst() {
    try (RoomClient first = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi());
        RoomClient second = node.room(meetingId, node.login(duo.member()))) {
      String firstPeer = first.join().getString("you");
      String managerPeer = manager.join().getString("you");
      first.next("peer-joined");

      JsonObject welcome = second.join();

      assertThat(first.awaitClose()).isEqualTo((short) 4409);
      assertThat(welcome.getJsonArray("peers").stream().map(p -> ((JsonObject) p).getString("id")))
          .containsExactly(managerPeer);
      assertThat(manager.next("peer-left").getString("peerId")).isEqualTo(firstPeer);
      assertThat(manager.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo(welcome.getString("you"));
    }
  }

  @Test
  @DisplayName("ending the meeting over HTTP sends meeting.ended to both sockets and closes them with 4410")
  void endReachesTheRoom() {
    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi())) {
      member.join();
      manager.join();
      member.next("peer-joined");

      assertThat(duo.managerApi().post("/api/meetings/" + meetingId + "/end", null).statusCode()).isEqualTo(200);

      assertThat(member.next()).isEqualTo(new JsonObject().put("type", "meeting.ended"));
      assertThat(manager.next()).isEqualTo(new JsonObject().put("type", "meeting.ended"));
      assertThat(member.awaitClose()).isEqualTo((short) 4410);
      assertThat(manager.awaitClose()).isEqualTo((short) 4410);
    }
    try (RoomClient again = node.room(meetingId, duo.memberApi())) {
      assertThat(again.awaitClose()).isEqualTo((short) 4410);
    }
  }

  @Test
  @DisplayName("without a TURN secret the welcome offers the STUN servers only")
  void withoutTurnSecretOnlyStun() {
    try (RoomClient member = node.room(meetingId, duo.memberApi())) {
      JsonArray iceServers = member.join().getJsonArray("iceServers");

      assertThat(iceServers).isEqualTo(new JsonArray().add(new JsonObject().put("urls", new JsonArray().add(STUN))));
    }
  }

  @Test
  @DisplayName("with a TURN secret the welcome carries STUN and TURN with a REST credential: expiry:userId signed by HMAC-SHA1")
  void turnCredentialsAreSigned() throws Exception {
    Duo pair = turnNode.duo();
    String id = createMeeting(pair.memberApi(), pair.pairId()).getString("id");
    long before = Instant.now().getEpochSecond();

    JsonArray iceServers;
    try (RoomClient member = turnNode.room(id, pair.memberApi())) {
      iceServers = member.join().getJsonArray("iceServers");
    }
    long after = Instant.now().getEpochSecond();

    assertThat(iceServers.size()).isEqualTo(2);
    assertThat(iceServers.getJsonObject(0)).isEqualTo(new JsonObject().put("urls", new JsonArray().add(STUN)));
    JsonObject turn = iceServers.getJsonObject(1);
    assertThat(turn.getJsonArray("urls")).isEqualTo(new JsonArray().add(TURN_UDP).add(TURNS));
    String username = turn.getString("username");
    String[] parts = username.split(":", 2);
    assertThat(parts[1]).isEqualTo(pair.member().id());
    assertThat(Long.parseLong(parts[0])).isBetween(before + TURN_TTL_SECONDS, after + TURN_TTL_SECONDS + 1);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    assertThat(turn.getString("credential")).isEqualTo(expected);
  }
}
