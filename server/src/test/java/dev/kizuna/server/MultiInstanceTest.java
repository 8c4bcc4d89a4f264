package dev.kizuna.server;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node as deployed by default: a fixed port served by several HTTP verticles (one per core in
 * production, 4 here), each with its own router on its own event loop. Sessions, the login
 * throttle and rooms must be shared between them.
 */
class MultiInstanceTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode()
      .with("KIZUNA_HTTP_PORT", KizunaNode.freePort())
      .with("KIZUNA_HTTP_INSTANCES", "4");

  @Test
  @DisplayName("a session made on one HTTP verticle is known to all of them, and a logout ends it on all")
  void sessionsAreSharedBetweenVerticles() {
    Account user = node.createUser("Roaming Rin");
    Api client = node.anonymous().closeConnections().login(user.email(), user.password());

    for (int i = 0; i < 8; i++) {
      HttpResponse<Buffer> me = client.get("/api/me");
      assertThat(me.statusCode()).as("request %d", i).isEqualTo(200);
      assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(user.id());
    }
    assertThat(client.delete("/api/session").statusCode()).isEqualTo(204);
    String sessionId = client.sessionId().orElse("gone");
    for (int i = 0; i < 8; i++) {
      assertProblem(node.withSessionCookie(sessionId).closeConnections().get("/api/me"), 401);
    }
  }

  @Test
  @DisplayName("the login throttle counts attempts on every verticle together")
  void throttleIsSharedBetweenVerticles() {
    Account user = node.createUser("Guessed Gen");
    Api client = node.anonymous().closeConnections();
    for (int i = 0; i < 10; i++) {
      assertProblem(client.tryLogin(user.email(), "wrong-" + i), 401);
    }

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(client.tryLogin(user.email(), user.password()).statusCode());
    }

    assertThat(statuses).containsOnly(429);
  }

  @Test
  @DisplayName("member and manager on different connections meet in one room: presence, relay and the end reach both")
  void roomsAreSharedBetweenVerticles() {
    Duo duo = node.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");

    try (RoomClient member = node.room(meetingId, duo.memberApi());
        RoomClient idle = node.room("no-such-meeting", duo.memberApi());
        RoomClient manager = node.room(meetingId, duo.managerApi())) {
      assertThat(idle.awaitClose()).isEqualTo((short) 4404);
      String memberPeer = member.join().getString("you");
      JsonObject welcome = manager.join();
      assertThat(welcome.getJsonArray("peers").getJsonObject(0).getString("id")).isEqualTo(memberPeer);
      assertThat(member.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo(welcome.getString("you"));

      manager.send(new JsonObject().put("type", "signal").put("to", memberPeer)
          .put("data", new JsonObject().put("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host")));
      assertThat(member.next("signal").getString("from")).isEqualTo(welcome.getString("you"));

      assertThat(node.anonymous().closeConnections().login(duo.member().email(), duo.member().password())
          .post("/api/meetings/" + meetingId + "/end", null).statusCode()).isEqualTo(200);
      assertThat(member.next("meeting.ended")).isNotNull();
      assertThat(manager.next("meeting.ended")).isNotNull();
      assertThat(member.awaitClose()).isEqualTo((short) 4410);
      assertThat(manager.awaitClose()).isEqualTo((short) 4410);
    }
  }
}
