package dev.kizuna.server.auth;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/tokens} and bearer-token authentication of sockets for non-browser clients. */
class AccessTokenTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private Duo duo;
  private String meetingId;

  @BeforeEach
  void meeting() {
    duo = node.duo();
    meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
  }

  private String token() {
    HttpResponse<Buffer> response = duo.memberApi().post("/api/tokens", null);
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("token");
  }

  @Test
  @DisplayName("a logged-in user gets a random token that expires in ten minutes")
  void tokenIsIssued() {
    Instant before = Instant.now();
    HttpResponse<Buffer> response = duo.memberApi().post("/api/tokens", null);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("token")).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(token());
    assertThat(Instant.parse(body.getString("expiresAt")))
        .isBetween(before.plus(AccessTokens.LIFETIME).minusSeconds(1), Instant.now().plus(AccessTokens.LIFETIME));
  }

  @Test
  @DisplayName("without a session no token is issued")
  void anonymousGetsNoToken() {
    assertThat(node.anonymous().post("/api/tokens", null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a room socket with ?access_token= and no cookie is the token owner's")
  void queryTokenAuthenticatesTheSocket() {
    try (RoomClient room = node.socket("/ws/rooms/" + meetingId + "?access_token=" + token(), Map.of())) {
      assertThat(room.join().getString("role")).isEqualTo("MEMBER");
    }
  }

  @Test
  @DisplayName("a room socket with Authorization: Bearer and no cookie is the token owner's")
  void bearerHeaderAuthenticatesTheSocket() {
    try (RoomClient room = node.socket("/ws/rooms/" + meetingId, Map.of("Authorization", "Bearer " + token()))) {
      assertThat(room.join().getString("role")).isEqualTo("MEMBER");
    }
  }

  @Test
  @DisplayName("an unknown or malformed token is closed with 4401")
  void unknownTokenIsRefused() {
    String forged = "A".repeat(43);
    try (RoomClient query = node.socket("/ws/rooms/" + meetingId + "?access_token=" + forged, Map.of());
        RoomClient header = node.socket("/ws/rooms/" + meetingId, Map.of("Authorization", "Bearer " + "x".repeat(500)))) {
      assertThat(query.awaitClose()).isEqualTo((short) 4401);
      assertThat(header.awaitClose()).isEqualTo((short) 4401);
    }
  }

  @Test
  @DisplayName("an outsider's valid token still gets 4403 for someone else's meeting")
  void outsidersTokenIsForbidden() {
    var outsider = node.login(node.createUser("Token Outsider", "MEMBER"));
    String token = outsider.post("/api/tokens", null).bodyAsJsonObject().getString("token");
    try (RoomClient room = node.socket("/ws/rooms/" + meetingId + "?access_token=" + token, Map.of())) {
      assertThat(room.awaitClose()).isEqualTo((short) 4403);
    }
  }

  @Test
  @DisplayName("tokens are not accepted on the HTTP API, which needs the session")
  void tokenIsNotAnApiCredential() {
    String token = token();
    HttpResponse<Buffer> response = node.anonymous().send(io.vertx.core.http.HttpMethod.GET, "/api/me?access_token=" + token, null);
    assertThat(response.statusCode()).isEqualTo(401);
  }
}
