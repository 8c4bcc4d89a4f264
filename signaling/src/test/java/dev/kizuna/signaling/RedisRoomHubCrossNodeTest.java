package dev.kizuna.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.impl.RedisRoomHub;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each a Vert.x instance with its own Redis hub: the member on one, the manager on the
 * other, as when a load balancer sends them to different nodes.
 */
class RedisRoomHubCrossNodeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration NODE_TTL = Duration.ofMillis(900);

  private final String prefix = RedisKeys.freshPrefix();
  private final String room = "room-" + UUID.randomUUID();
  private final Vertx vertx1 = Vertx.vertx();
  private final Vertx vertx2 = Vertx.vertx();
  private final RoomHub hub1 = new RedisRoomHub(vertx1, RedisKeys.URL, prefix, NODE_TTL);
  private final RoomHub hub2 = new RedisRoomHub(vertx2, RedisKeys.URL, prefix, NODE_TTL);

  @AfterEach
  void stop() {
    await(hub2.close());
    await(vertx2.close());
    await(vertx1.close());
    await(hub1.close());
    RedisKeys.deleteAll(prefix);
    assertThat(RedisKeys.count(prefix)).isZero();
  }

  @Test
  void peersOnTwoNodesSeeEachOtherAndRelaySignalsBothWaysInOrder() {
    Entered a = enter(hub1, vertx1, "member", ParticipantRole.MEMBER);
    Entered b = enter(hub2, vertx2, "manager", ParticipantRole.MANAGER);

    assertThat(a.present()).isEmpty();
    assertThat(b.present()).containsExactly(a.peer());
    assertThat(a.inbox().next()).isEqualTo(peerJoined(b.peer()));
    assertThat(await(hub1.peers(room))).containsExactlyInAnyOrder(a.peer(), b.peer());
    assertThat(await(hub2.peers(room))).containsExactlyInAnyOrder(a.peer(), b.peer());

    int count = 200;
    List<Boolean> fromA = on(a.context(), () -> sendAll(hub1, b.peer(), count));
    List<Boolean> fromB = on(b.context(), () -> sendAll(hub2, a.peer(), count));
    assertThat(fromA).hasSize(count).containsOnly(true);
    assertThat(fromB).hasSize(count).containsOnly(true);
    assertThat(IntStream.range(0, count).map(i -> b.inbox().next().getInteger("seq")).boxed().toList())
        .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    assertThat(IntStream.range(0, count).map(i -> a.inbox().next().getInteger("seq")).boxed().toList())
        .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());

    await(hub2.broadcast(room, marker(-1), b.peer().id()));
    assertThat(a.inbox().next()).isEqualTo(marker(-1));
    a.inbox().assertDeliveredOnOwnEventLoop();
    b.inbox().assertDeliveredOnOwnEventLoop();

    await(hub1.exit(room, b.peer().id()));
    assertThat(a.inbox().next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", b.peer().id()));
    assertThat(await(hub2.sendTo(room, b.peer().id(), marker(0)))).isFalse();
    assertThat(b.inbox().pending()).isEmpty();
  }

  @Test
  void aReconnectOnTheOtherNodeEvictsTheOlderConnection() {
    Entered oldA = enter(hub1, vertx1, "member", ParticipantRole.MEMBER);
    Entered b = enter(hub1, vertx1, "manager", ParticipantRole.MANAGER);
    Entered newA = enter(hub2, vertx2, "member", ParticipantRole.MEMBER);

    assertThat(oldA.inbox().awaitEviction().closeCode()).isEqualTo(CloseCodes.REPLACED);
    assertThat(newA.present()).containsExactly(b.peer());
    assertThat(b.inbox().next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", oldA.peer().id()));
    assertThat(b.inbox().next()).isEqualTo(peerJoined(newA.peer()));
  }

  @Test
  void stateUpdatesAreSeenOnBothNodes() {
    enter(hub1, vertx1, "member", ParticipantRole.MEMBER);
    enter(hub2, vertx2, "manager", ParticipantRole.MANAGER);

    RoomState first = await(hub1.updateState(room, s -> s.withConsent(ParticipantRole.MEMBER, true)));
    assertThat(await(hub2.state(room))).isEqualTo(first);
    RoomState second = await(hub2.updateState(room, s -> s.withConsent(ParticipantRole.MANAGER, true).withAgendaIndex(3)
        .withTranscription(new JsonObject().put("state", "on"))));
    assertThat(await(hub1.state(room))).isEqualTo(second);
    assertThat(second.consentJson()).isEqualTo(new JsonObject().put("MEMBER", true).put("MANAGER", true));
  }

  @Test
  void thePeersOfANodeThatStoppedBeatingLeaveTheRoom() {
    Entered a = enter(hub1, vertx1, "member", ParticipantRole.MEMBER);
    Entered b = enter(hub2, vertx2, "manager", ParticipantRole.MANAGER);
    await(hub1.updateState(room, s -> s.withAgendaIndex(1)));

    // The node dies without a word: its heartbeat stops, its node key expires.
    await(vertx1.close());

    assertThat(b.inbox().next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", a.peer().id()));
    assertThat(await(hub2.peers(room))).containsExactly(b.peer());
    assertThat(await(hub2.state(room)).agendaIndex()).as("the room lives on").isEqualTo(1);
  }

  // ---------------------------------------------------------------- helpers

  private record Entered(Peer peer, RecordingInbox inbox, Context context, List<Peer> present) {}

  private Entered enter(RoomHub hub, Vertx vertx, String userId, ParticipantRole role) {
    CompletableFuture<Context> loop = new CompletableFuture<>();
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    Deployable capture = context -> {
      thread.complete(Thread.currentThread());
      loop.complete(context);
      return Future.succeededFuture();
    };
    await(vertx.deployVerticle(capture));
    Context context = join(loop);
    Peer peer = new Peer(UUID.randomUUID().toString(), userId, role, "Name of " + userId);
    RecordingInbox inbox = new RecordingInbox(join(thread), TIMEOUT);
    List<Peer> present = on(context, () -> hub.enter(room, peer, inbox));
    return new Entered(peer, inbox, context, present);
  }

  private Future<List<Boolean>> sendAll(RoomHub hub, Peer to, int count) {
    List<Future<Boolean>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sends.add(hub.sendTo(room, to.id(), marker(i)));
    }
    return Future.all(sends).map(all -> all.<Boolean>list());
  }

  private static <T> T on(Context context, Supplier<Future<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return join(result);
  }

  private static <T> T await(Future<T> future) {
    return join(future.toCompletionStage().toCompletableFuture());
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete within " + TIMEOUT, e);
    }
  }

  private static JsonObject marker(int seq) {
    return new JsonObject().put("type", "marker").put("seq", seq);
  }

  private static JsonObject peerJoined(Peer peer) {
    return new JsonObject().put("type", "peer-joined").put("peer", peer.toJson());
  }
}
