package dev.kizuna.signaling;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a random port whose WebSocket handler serves the room protocol. Identity
 * comes from the query ({@code /ws?room=r1&user=u1&role=MEMBER&name=Ann&agenda=3}): authenticating
 * is the server module's job. Hooks and limits are chosen per room by the test.
 */
final class RoomTestServer implements AutoCloseable {

  static final IceServers ICE = new IceServers(List.of("stun:stun.kizuna.test:3478"),
      List.of("turn:turn.kizuna.test:3478?transport=udp"), "test-secret", Duration.ofHours(1));
  static final Instant ISSUED_AT = Instant.parse("2030-01-01T00:00:00Z");

  final Vertx vertx;
  final RoomHub hub;
  final WebSocketClient client;
  private final HttpServer server;
  private final Map<String, RoomHooks> hooks = new ConcurrentHashMap<>();
  private final Map<String, RoomLimits> limits = new ConcurrentHashMap<>();

  RoomTestServer() {
    vertx = Vertx.vertx();
    hub = RoomHub.inProcess(vertx);
    server = vertx.createHttpServer().webSocketHandler(ws -> {
      Map<String, List<String>> query = new QueryStringDecoder(ws.uri()).parameters();
      String room = param(query, "room", "default-room");
      String user = param(query, "user", "anonymous");
      RoomSession session = new RoomSession(room, user,
          ParticipantRole.valueOf(param(query, "role", "MEMBER")),
          param(query, "name", "Name of " + user),
          Integer.parseInt(param(query, "agenda", "3")),
          iceServersFor(user));
      RoomSocket.serve(ws, session, hub, hooks.getOrDefault(room, RoomHooks.NONE),
          limits.getOrDefault(room, RoomLimits.DEFAULT));
    });
    try {
      server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
    client = vertx.createWebSocketClient();
  }

  /** What the test server hands {@code userId} as ICE servers. */
  static JsonArray iceServersFor(String userId) {
    return ICE.forUser(userId, ISSUED_AT);
  }

  void hooks(String room, RoomHooks roomHooks) {
    hooks.put(room, roomHooks);
  }

  void limits(String room, RoomLimits roomLimits) {
    limits.put(room, roomLimits);
  }

  /** Opens a room socket without joining. */
  TestSocket connect(String room, String user, ParticipantRole role) {
    return connect("/ws?room=" + room + "&user=" + user + "&role=" + role);
  }

  TestSocket connect(String uri) {
    return TestSocket.connect(client, server.actualPort(), uri);
  }

  /** Opens a room socket and joins; the welcome has been received. */
  TestSocket join(String room, String user, ParticipantRole role) {
    TestSocket socket = connect(room, user, role);
    socket.join();
    return socket;
  }

  private static String param(Map<String, List<String>> query, String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
