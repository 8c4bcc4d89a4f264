package dev.kizuna.server.media;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.FakeBridge;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole node in {@code KIZUNA_MEDIA_MODE=auto} against an in-test colibri2 bridge
 * ({@link FakeBridge}: the real colibri2 client, a stand-in for Jitsi Videobridge): rooms start
 * peer-to-peer, move to the bridge when a guest joins or a browser reports {@code ice-failed}, the
 * browsers' answers reach the bridge, and leaving and ending expire the endpoints and conference.
 */
class BridgeRoomTest {

  private static final Vertx BRIDGE_VERTX = Vertx.vertx();
  private static final FakeBridge bridge = FakeBridge.start(BRIDGE_VERTX);
  private static final Duration WAIT = Await.TIMEOUT;

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_MEDIA_MODE", "auto")
      .with("KIZUNA_JVB_URL", bridge.url());

  /** A node in {@code bridge} mode on the same bridge. */
  @RegisterExtension
  static final KizunaNode bridgeNode = new KizunaNode()
      .with("KIZUNA_MEDIA_MODE", "bridge")
      .with("KIZUNA_JVB_URL", bridge.url());

  @AfterAll
  static void stopBridge() {
    bridge.close();
    Await.await(BRIDGE_VERTX.close());
  }

  private static FakeBridge.Request nextFor(String meetingId) {
    return bridge.next(r -> meetingId.equals(r.body().getString("meeting-id")));
  }

  private static List<String> endpointIds(FakeBridge.Request request) {
    return request.body().getJsonArray("endpoints").stream().map(e -> ((JsonObject) e).getString("id")).toList();
  }

  private static JsonObject mediaMode(RoomClient room) {
    return room.awaitMessage("media-mode", m -> true, WAIT);
  }

  private static String offer(RoomClient room) {
    return room.awaitMessage("bridge-offer", m -> true, WAIT).getString("sdp");
  }

  private static JsonObject bridgeTransport(int n) {
    return FakeBridge.transportOf("conference-create-response.json", n);
  }

  /** Plans a meeting of {@code duo} and invites {@code guest} as the member; returns the meeting. */
  private static JsonObject meetingWithGuest(Duo duo, Account guest) {
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    return duo.memberApi().put("/api/meetings/" + meetingId + "/guests",
        new JsonObject().put("guestIds", new JsonArray().add(guest.id()))).bodyAsJsonObject();
  }

  @Test
  @DisplayName("a guest joining a P2P room moves everyone to the bridge with offers carrying their endpoint's ICE and DTLS, and an answer reaches the bridge and the others")
  void thirdParticipantMovesTheRoom() {
    Duo duo = node.duo();
    Account guest = node.createUser("Guest Goto", "HR");
    JsonObject invited = meetingWithGuest(duo, guest);
    String meetingId = invited.getString("id");
    assertThat(invited.getJsonArray("guests").getJsonObject(0))
        .isEqualTo(new JsonObject().put("id", guest.id()).put("name", "Guest Goto"));

    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi());
        RoomClient third = node.room(meetingId, node.login(guest))) {
      String memberPeer = member.join().getString("you");
      String managerPeer = manager.join().getString("you");
      JsonObject welcome = third.join();
      assertThat(welcome.getString("role")).isEqualTo("GUEST");
      assertThat(welcome.getJsonObject("consent").fieldNames()).containsExactlyInAnyOrder("MEMBER", "MANAGER");

      // The first request of this meeting is the conference with all three: nothing was allocated for two.
      FakeBridge.Request create = nextFor(meetingId);
      assertThat(create.method()).isEqualTo("POST");
      assertThat(create.path()).isEqualTo("/colibri/v2/conferences");
      assertThat(create.body().getBoolean("create")).isTrue();
      List<String> ids = endpointIds(create);
      assertThat(ids).containsExactly(memberPeer, managerPeer, welcome.getString("you"));

      List<RoomClient> rooms = List.of(member, manager, third);
      for (int i = 0; i < rooms.size(); i++) {
        assertThat(mediaMode(rooms.get(i))).isEqualTo(new JsonObject().put("type", "media-mode").put("mode", "bridge")
            .put("reason", "third-participant"));
        String sdp = offer(rooms.get(i));
        JsonObject transport = bridgeTransport(i);
        assertThat(sdp).contains("a=ice-ufrag:" + transport.getString("ufrag"), "a=ice-pwd:" + transport.getString("pwd"),
            "a=fingerprint:sha-256 " + transport.getJsonArray("fingerprints").getJsonObject(0).getString("fingerprint"),
            "a=candidate:2 1 udp 1694498815 198.51.100.20 10000 typ srflx", "a=setup:actpass");
      }

      member.send(new JsonObject().put("type", "bridge-answer").put("sdp", chromiumAnswer()));
      FakeBridge.Request patch = nextFor(meetingId);
      assertThat(patch.method()).isEqualTo("PATCH");
      assertThat(patch.path()).isEqualTo("/colibri/v2/conferences/" + meetingId);
      JsonObject endpoint = patch.body().getJsonArray("endpoints").getJsonObject(0);
      assertThat(endpoint.getString("id")).isEqualTo(memberPeer);
      JsonObject browserTransport = endpoint.getJsonObject("transport").getJsonObject("transport");
      assertThat(browserTransport.getString("ufrag")).isEqualTo("9DpV");
      assertThat(browserTransport.getJsonArray("fingerprints").getJsonObject(0).getString("setup")).isEqualTo("active");
      assertThat(endpoint.getJsonArray("sources").stream().map(s -> ((JsonObject) s).getString("id")))
          .containsExactly(memberPeer + "-a0", memberPeer + "-v0");

      for (RoomClient other : List.of(manager, third)) {
        String renewed = offer(other);
        assertThat(renewed).contains("a=ssrc:1963096130 cname:" + memberPeer, "a=ssrc-group:FID 3797419067 2038298657");
      }
    }
  }

  @Test
  @DisplayName("ice-failed moves a pair to the bridge; a leaver's endpoint expires and the others' offers drop their media; the end expires the conference")
  void iceFailedThenLeaveAndEnd() {
    Duo duo = node.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi())) {
      String memberPeer = member.join().getString("you");
      String managerPeer = manager.join().getString("you");

      manager.send(new JsonObject().put("type", "ice-failed"));
      FakeBridge.Request create = nextFor(meetingId);
      assertThat(create.method()).isEqualTo("POST");
      assertThat(endpointIds(create)).containsExactly(memberPeer, managerPeer);
      assertThat(mediaMode(member).getString("reason")).isEqualTo("ice-failed");
      assertThat(mediaMode(manager).getString("reason")).isEqualTo("ice-failed");
      assertThat(offer(member)).contains("a=ice-ufrag:" + bridgeTransport(0).getString("ufrag"));
      assertThat(offer(manager)).contains("a=ice-ufrag:" + bridgeTransport(1).getString("ufrag"));

      manager.send(new JsonObject().put("type", "bridge-answer").put("sdp", chromiumAnswer()));
      assertThat(endpointIds(nextFor(meetingId))).containsExactly(managerPeer);
      assertThat(offer(member)).contains("a=ssrc:1963096130 cname:" + managerPeer).contains("a=sendonly");

      manager.send(new JsonObject().put("type", "leave"));
      assertThat(manager.awaitClose()).isEqualTo((short) 1000);
      FakeBridge.Request expire = nextFor(meetingId);
      assertThat(expire.body().getJsonArray("endpoints").getJsonObject(0))
          .isEqualTo(new JsonObject().put("id", managerPeer).put("expire", true));
      String withoutManager = offer(member);
      assertThat(withoutManager).doesNotContain("a=ssrc:1963096130").doesNotContain("a=sendonly").contains("a=mid:3");

      assertThat(duo.memberApi().post("/api/meetings/" + meetingId + "/end", new JsonObject()).statusCode()).isEqualTo(200);
      assertThat(member.awaitClose()).isEqualTo((short) 4410);
      assertThat(nextFor(meetingId).body().getJsonArray("endpoints").getJsonObject(0))
          .isEqualTo(new JsonObject().put("id", memberPeer).put("expire", true));
      FakeBridge.Request conference = nextFor(meetingId);
      assertThat(conference.path()).isEqualTo("/colibri/v2/conferences/" + meetingId);
      assertThat(conference.body()).isEqualTo(new JsonObject().put("meeting-id", meetingId).put("expire", true));
    }
  }

  @Test
  @DisplayName("in bridge mode the first participant creates the conference and the next one is added to it, each with their own offer")
  void bridgeModeFromTheFirstJoin() {
    Duo duo = bridgeNode.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    try (RoomClient member = bridgeNode.room(meetingId, duo.memberApi());
        RoomClient manager = bridgeNode.room(meetingId, duo.managerApi())) {
      String memberPeer = member.join().getString("you");
      FakeBridge.Request create = nextFor(meetingId);
      assertThat(create.method()).isEqualTo("POST");
      assertThat(endpointIds(create)).containsExactly(memberPeer);
      assertThat(mediaMode(member).getString("reason")).isEqualTo("configured");
      assertThat(offer(member)).contains("a=ice-ufrag:" + bridgeTransport(0).getString("ufrag"))
          .contains("a=group:BUNDLE 0 1\r\n");

      String managerPeer = manager.join().getString("you");
      FakeBridge.Request add = nextFor(meetingId);
      assertThat(add.method()).isEqualTo("PATCH");
      assertThat(add.body().getJsonArray("endpoints").getJsonObject(0).getBoolean("create")).isTrue();
      assertThat(endpointIds(add)).containsExactly(managerPeer);
      assertThat(mediaMode(manager).getString("reason")).isEqualTo("joined-bridge");
      String managerOffer = offer(manager);
      assertThat(managerOffer)
          .contains("a=ice-ufrag:" + FakeBridge.transportOf("endpoint-create-response.json", 0).getString("ufrag"))
          .contains("a=group:BUNDLE 0 1 2 3\r\n", "a=mid:2\r\n");
      assertThat(managerOffer.split("a=inactive", -1)).as("the member's slot, without sources yet").hasSize(3);
    }
  }

  @Test
  @DisplayName("bridge messages are validated: a missing or non-SDP answer, an answer before any offer, and a guest's consent are refused")
  void validation() {
    Duo duo = node.duo();
    Account guest = node.createUser("Guest Gen", "MEMBER");
    String meetingId = meetingWithGuest(duo, guest).getString("id");
    try (RoomClient member = node.room(meetingId, duo.memberApi())) {
      member.join();
      member.send(new JsonObject().put("type", "bridge-answer"));
      assertThat(member.next("error").getString("code")).isEqualTo("bad-message");
      member.send(new JsonObject().put("type", "bridge-answer").put("sdp", "hello"));
      assertThat(member.next("error").getString("code")).isEqualTo("bad-message");
      member.send(new JsonObject().put("type", "bridge-answer").put("sdp", chromiumAnswer()));
      assertThat(member.next("error").getString("message")).contains("no bridge offer");
    }
    try (RoomClient third = node.room(meetingId, node.login(guest))) {
      third.join();
      third.send(new JsonObject().put("type", "consent").put("transcription", true));
      assertThat(third.next("error").getString("message")).contains("guest");
    }
  }

  @Test
  @DisplayName("only the pair sets guests, of existing users outside the pair, at most one; others than the pair and the guest stay out of the room")
  void guests() {
    Duo duo = node.duo();
    Account guest = node.createUser("Guest Gin", "MEMBER");
    Account stranger = node.createUser("Stranger Sato", "MEMBER");
    String path = "/api/meetings/" + createMeeting(duo.memberApi(), duo.pairId()).getString("id") + "/guests";
    JsonObject one = new JsonObject().put("guestIds", new JsonArray().add(guest.id()));

    assertProblem(node.login(stranger).put(path, one), 403);
    assertProblem(duo.memberApi().put(path, new JsonObject().put("guestIds", new JsonArray().add("no-such-user"))), 400);
    assertProblem(duo.memberApi().put(path, new JsonObject().put("guestIds", new JsonArray().add(duo.manager().id()))), 400);
    assertProblem(duo.memberApi().put(path, new JsonObject().put("guestIds", new JsonArray().add(guest.id()).add(stranger.id()))), 400);
    assertThat(duo.managerApi().put(path, one).bodyAsJsonObject().getJsonArray("guests")).hasSize(1);
    assertThat(duo.memberApi().put(path, new JsonObject().put("guestIds", new JsonArray())).bodyAsJsonObject()
        .getJsonArray("guests")).isEmpty();
    String meetingId = path.split("/")[3];
    try (RoomClient room = node.room(meetingId, node.login(stranger))) {
      assertThat(room.awaitClose()).isEqualTo((short) 4403);
    }
    try (RoomClient room = node.room(meetingId, node.login(guest))) {
      assertThat(room.awaitClose()).as("no longer invited").isEqualTo((short) 4403);
    }
  }

  private static String chromiumAnswer() {
    try (InputStream in = BridgeRoomTest.class.getResourceAsStream("/sdp/chromium-answer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
