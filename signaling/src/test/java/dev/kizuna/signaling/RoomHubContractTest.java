package dev.kizuna.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomHub} must do, whatever carries the messages. A subclass supplies the hub;
 * each test uses a fresh Vert.x instance and a fresh room id.
 *
 * <p>Peers are entered from verticle contexts (so on real event loops, several of them), the way
 * room sockets enter them.
 */
public abstract class RoomHubContractTest {

  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  protected Vertx vertx;
  protected RoomHub hub;
  protected String room;

  /** The hub under test, on {@code vertx}. */
  protected abstract RoomHub createHub(Vertx vertx);

  @BeforeEach
  void startHub() {
    vertx = Vertx.vertx();
    hub = createHub(vertx);
    room = "room-" + UUID.randomUUID();
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---------------------------------------------------------------- presence

  @Test
  void enterReturnsThePeersAlreadyPresentWithoutTheNewcomer() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    Entered c = enter(newLoop(), "user-c", ParticipantRole.MANAGER);

    assertThat(a.present()).isEmpty();
    assertThat(b.present()).containsExactly(a.peer());
    assertThat(c.present()).containsExactlyInAnyOrder(a.peer(), b.peer());
    assertThat(await(hub.peers(room))).containsExactlyInAnyOrder(a.peer(), b.peer(), c.peer());
  }

  @Test
  void peerJoinedReachesThePeersPresentBeforeEnterCompletes() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Loop loopB = newLoop();
    Peer b = peer("user-b", ParticipantRole.MANAGER);
    RecordingInbox inboxB = new RecordingInbox(loopB.thread(), TIMEOUT);
    JsonObject firstSignal = new JsonObject().put("type", "signal").put("from", b.id()).put("data", new JsonObject().put("n", 1));

    // The newcomer signals the moment enter completes: the signal must not overtake peer-joined.
    boolean delivered = on(loopB, () -> hub.enter(room, b, inboxB)
        .compose(present -> hub.sendTo(room, a.peer().id(), firstSignal)));

    assertThat(delivered).isTrue();
    assertThat(a.inbox().next()).isEqualTo(peerJoined(b));
    assertThat(a.inbox().next()).isEqualTo(firstSignal);
    a.inbox().assertDeliveredOnOwnEventLoop();
  }

  @Test
  void deliveriesRunOnTheEventLoopThatEnteredEachPeer() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    assertThat(a.loop().thread()).as("the peers sit on different event loops").isNotSameAs(b.loop().thread());

    await(hub.sendTo(room, b.peer().id(), marker(1)));
    await(hub.broadcast(room, marker(2), null));

    assertThat(a.inbox().next()).isEqualTo(peerJoined(b.peer()));
    assertThat(a.inbox().next()).isEqualTo(marker(2));
    assertThat(b.inbox().next()).isEqualTo(marker(1));
    assertThat(b.inbox().next()).isEqualTo(marker(2));
    a.inbox().assertDeliveredOnOwnEventLoop();
    b.inbox().assertDeliveredOnOwnEventLoop();
  }

  @Test
  void secondEnterOfTheSameUserEvictsTheOlderInboxWith4409AndAnnouncesPeerLeftThenPeerJoined() {
    Entered oldA = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    assertThat(oldA.inbox().next()).isEqualTo(peerJoined(b.peer()));

    Entered newA = enter(newLoop(), "user-a", ParticipantRole.MEMBER);

    RecordingInbox.Eviction eviction = oldA.inbox().awaitEviction();
    assertThat(eviction.closeCode()).isEqualTo(CloseCodes.REPLACED);
    assertThat(eviction.thread()).as("evict runs on the old peer's event loop").isSameAs(oldA.loop().thread());
    assertThat(newA.present()).containsExactly(b.peer());
    assertThat(b.inbox().next()).isEqualTo(peerLeft(oldA.peer()));
    assertThat(b.inbox().next()).isEqualTo(peerJoined(newA.peer()));
    assertThat(await(hub.peers(room))).containsExactlyInAnyOrder(b.peer(), newA.peer());
    assertThat(await(hub.sendTo(room, oldA.peer().id(), marker(1)))).isFalse();
    flush(oldA.loop());
    assertThat(oldA.inbox().pending()).as("the replaced peer hears nothing of its successor").isEmpty();
    assertThat(newA.inbox().evicted()).isFalse();
  }

  @Test
  void exitAnnouncesPeerLeftToTheOthers() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    assertThat(a.inbox().next()).isEqualTo(peerJoined(b.peer()));

    await(hub.exit(room, b.peer().id()));

    assertThat(a.inbox().next()).isEqualTo(peerLeft(b.peer()));
    assertThat(await(hub.peers(room))).containsExactly(a.peer());
    assertThat(await(hub.sendTo(room, b.peer().id(), marker(1)))).isFalse();
  }

  @Test
  void exitOfAPeerNotInTheRoomAnnouncesNothing() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);

    await(hub.exit(room, "no-such-peer"));
    await(hub.exit("room-" + UUID.randomUUID(), a.peer().id()));
    await(hub.sendTo(room, a.peer().id(), marker(1)));

    assertThat(a.inbox().next()).isEqualTo(marker(1));
    assertThat(await(hub.peers(room))).containsExactly(a.peer());
  }

  @Test
  void presenceEventsReplayToThePeersPresentUnderConcurrentEntersAndExits() throws Exception {
    Entered observer = enter(newLoop(), "observer", ParticipantRole.MANAGER);
    int rounds = 2_000;
    List<Peer> comers = IntStream.range(0, rounds).mapToObj(i -> peer("user-" + (i % 3), ParticipantRole.MEMBER)).toList();
    CyclicBarrier lockstep = new CyclicBarrier(2);
    List<Future<?>> entered = new ArrayList<>();
    List<Future<?>> exited = new ArrayList<>();

    // Each comer enters on one thread while the other thread makes it exit at the same moment;
    // every third comer replaces an earlier one of the same user.
    Thread enterer = new Thread(() -> comers.forEach(p -> {
      awaitBarrier(lockstep);
      entered.add(hub.enter(room, p, new RecordingInbox(Thread.currentThread(), TIMEOUT)));
    }));
    Thread exiter = new Thread(() -> comers.forEach(p -> {
      awaitBarrier(lockstep);
      exited.add(hub.exit(room, p.id()));
    }));
    enterer.start();
    exiter.start();
    enterer.join(TIMEOUT.toMillis());
    exiter.join(TIMEOUT.toMillis());
    await(Future.all(entered));
    await(Future.all(exited));
    await(hub.sendTo(room, observer.peer().id(), marker(-1)));

    Set<String> seen = new HashSet<>();
    List<String> anomalies = new ArrayList<>();
    for (JsonObject event = observer.inbox().next(); !event.equals(marker(-1)); event = observer.inbox().next()) {
      if (event.getString("type").equals("peer-joined")) {
        String id = event.getJsonObject("peer").getString("id");
        if (!seen.add(id)) {
          anomalies.add("joined twice " + id);
        }
      } else if (!seen.remove(event.getString("peerId"))) {
        anomalies.add("left before joining " + event.getString("peerId"));
      }
    }
    assertThat(anomalies).isEmpty();
    assertThat(seen).as("the observer's view of the room")
        .containsExactlyInAnyOrderElementsOf(await(hub.peers(room)).stream()
            .filter(p -> !p.equals(observer.peer())).map(Peer::id).toList());
  }

  // ---------------------------------------------------------------- fan-out

  @Test
  void sendToUnknownPeerReturnsFalse() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);

    assertThat(await(hub.sendTo(room, "no-such-peer", marker(1)))).isFalse();
    assertThat(await(hub.sendTo("room-" + UUID.randomUUID(), a.peer().id(), marker(2)))).isFalse();
    assertThat(await(hub.sendTo(room, a.peer().id(), marker(3)))).isTrue();
    assertThat(a.inbox().next()).as("only the message to a known peer arrives").isEqualTo(marker(3));
  }

  @Test
  void sendToReachesOnlyTheAddressedPeer() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    Entered c = enter(newLoop(), "user-c", ParticipantRole.MANAGER);
    drainJoins(a, 2);
    drainJoins(b, 1);

    assertThat(await(hub.sendTo(room, b.peer().id(), marker(1)))).isTrue();
    await(hub.broadcast(room, marker(2), null));

    assertThat(a.inbox().next()).isEqualTo(marker(2));
    assertThat(b.inbox().next()).isEqualTo(marker(1));
    assertThat(b.inbox().next()).isEqualTo(marker(2));
    assertThat(c.inbox().next()).isEqualTo(marker(2));
  }

  @Test
  void broadcastSkipsTheSender() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    Entered c = enter(newLoop(), "user-c", ParticipantRole.MANAGER);
    drainJoins(a, 2);
    drainJoins(b, 1);

    await(hub.broadcast(room, marker(1), a.peer().id()));
    await(hub.broadcast(room, marker(2), null));

    assertThat(a.inbox().next()).as("the sender skips its own broadcast").isEqualTo(marker(2));
    assertThat(b.inbox().next()).isEqualTo(marker(1));
    assertThat(b.inbox().next()).isEqualTo(marker(2));
    assertThat(c.inbox().next()).isEqualTo(marker(1));
    assertThat(c.inbox().next()).isEqualTo(marker(2));
  }

  @Test
  void messagesFromOnePeerToAnotherArriveInTheOrderSent() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    int count = 1_000;

    List<Boolean> sent = on(a.loop(), () -> {
      List<Future<Boolean>> sends = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sends.add(hub.sendTo(room, b.peer().id(), marker(i)));
      }
      return Future.all(sends).map(all -> all.<Boolean>list());
    });

    assertThat(sent).hasSize(count).containsOnly(true);
    List<Integer> received = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      received.add(b.inbox().next().getInteger("seq"));
    }
    assertThat(received).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    b.inbox().assertDeliveredOnOwnEventLoop();
  }

  @Test
  void roomsDoNotShareTraffic() {
    String otherRoom = "room-" + UUID.randomUUID();
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Loop loop = newLoop();
    Peer b = peer("user-b", ParticipantRole.MANAGER);
    RecordingInbox inboxB = new RecordingInbox(loop.thread(), TIMEOUT);

    List<Peer> present = on(loop, () -> hub.enter(otherRoom, b, inboxB));
    await(hub.broadcast(room, marker(1), null));
    await(hub.updateState(room, s -> s.withAgendaIndex(4)));
    await(hub.broadcast(otherRoom, marker(2), null));

    assertThat(present).isEmpty();
    assertThat(await(hub.sendTo(otherRoom, a.peer().id(), marker(3)))).isFalse();
    assertThat(inboxB.next()).isEqualTo(marker(2));
    assertThat(a.inbox().next()).isEqualTo(marker(1));
    assertThat(await(hub.state(otherRoom))).isEqualTo(RoomState.EMPTY);
  }

  // ---------------------------------------------------------------- state

  @Test
  void aRoomNeverUsedHasTheEmptyState() {
    assertThat(await(hub.state(room))).isEqualTo(RoomState.EMPTY);
    assertThat(await(hub.peers(room))).isEmpty();
  }

  @Test
  void updateStateReturnsTheNewStateAndStateReadsIt() {
    enter(newLoop(), "user-a", ParticipantRole.MEMBER);

    RoomState updated = await(hub.updateState(room, s -> s.withConsent(ParticipantRole.MANAGER, true).withAgendaIndex(2)));

    assertThat(updated.consent()).containsExactlyEntriesOf(Map.of(ParticipantRole.MANAGER, true));
    assertThat(updated.agendaIndex()).isEqualTo(2);
    assertThat(await(hub.state(room))).isEqualTo(updated);
  }

  @Test
  void updateStateIsAtomicUnderConcurrentUpdatesFromSeveralEventLoops() {
    enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    int loops = 8;
    int perLoop = 125;
    List<Loop> workers = IntStream.range(0, loops).mapToObj(i -> newLoop()).toList();
    assertThat(workers.stream().map(Loop::thread).distinct().count()).as("distinct event loops").isGreaterThan(1);

    List<CompletableFuture<List<Integer>>> results = workers.stream()
        .map(loop -> start(loop, () -> {
          List<Future<RoomState>> updates = new ArrayList<>();
          for (int i = 0; i < perLoop; i++) {
            updates.add(hub.updateState(room, RoomHubContractTest::nextAgendaIndex));
          }
          return Future.all(updates).map(all -> all.<RoomState>list().stream().map(RoomState::agendaIndex).toList());
        }))
        .toList();

    List<Integer> returned = results.stream().flatMap(f -> join(f).stream()).sorted().toList();
    assertThat(returned).as("each update saw the one before it")
        .containsExactlyElementsOf(IntStream.rangeClosed(1, loops * perLoop).boxed().toList());
    assertThat(await(hub.state(room)).agendaIndex()).isEqualTo(loops * perLoop);
  }

  @Test
  void concurrentUpdatesOfDifferentFieldsDoNotOverwriteEachOther() {
    enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    int flips = 501;

    List<CompletableFuture<List<RoomState>>> results = List.of(
        start(newLoop(), () -> repeat(flips, () -> hub.updateState(room, s -> flip(s, ParticipantRole.MEMBER)))),
        start(newLoop(), () -> repeat(flips, () -> hub.updateState(room, s -> flip(s, ParticipantRole.MANAGER)))),
        start(newLoop(), () -> repeat(500, () -> hub.updateState(room, RoomHubContractTest::nextAgendaIndex))));
    results.forEach(RoomHubContractTest::join);

    RoomState state = await(hub.state(room));
    assertThat(state.consent()).as("an odd number of flips from 'not given' ends in consent")
        .containsEntry(ParticipantRole.MEMBER, true)
        .containsEntry(ParticipantRole.MANAGER, true);
    assertThat(state.agendaIndex()).isEqualTo(500);
  }

  @Test
  void anEmptyRoomDropsItsState() {
    Entered a = enter(newLoop(), "user-a", ParticipantRole.MEMBER);
    Entered b = enter(newLoop(), "user-b", ParticipantRole.MANAGER);
    RoomState used = await(hub.updateState(room, s -> s.withConsent(ParticipantRole.MEMBER, true).withAgendaIndex(1)));

    await(hub.exit(room, a.peer().id()));
    assertThat(await(hub.state(room))).as("kept while someone is present").isEqualTo(used);

    await(hub.exit(room, b.peer().id()));
    assertThat(await(hub.state(room))).isEqualTo(RoomState.EMPTY);
    assertThat(await(hub.peers(room))).isEmpty();

    Entered c = enter(newLoop(), "user-c", ParticipantRole.MEMBER);
    assertThat(c.present()).isEmpty();
    assertThat(await(hub.state(room))).isEqualTo(RoomState.EMPTY);
  }

  // ---------------------------------------------------------------- helpers

  /** An event loop context (of its own deployment) and its thread. */
  protected record Loop(Context context, Thread thread) {}

  /** A peer entered into {@link #room} from {@code loop}, and the peers it found. */
  protected record Entered(Peer peer, RecordingInbox inbox, Loop loop, List<Peer> present) {}

  /** A fresh event loop context; deployments are spread over the event loops round robin. */
  protected Loop newLoop() {
    CompletableFuture<Loop> loop = new CompletableFuture<>();
    Deployable capture = context -> {
      loop.complete(new Loop(context, Thread.currentThread()));
      return Future.succeededFuture();
    };
    await(vertx.deployVerticle(capture));
    return join(loop);
  }

  protected Entered enter(Loop loop, String userId, ParticipantRole role) {
    Peer peer = peer(userId, role);
    RecordingInbox inbox = new RecordingInbox(loop.thread(), TIMEOUT);
    List<Peer> present = on(loop, () -> hub.enter(room, peer, inbox));
    return new Entered(peer, inbox, loop, present);
  }

  protected static Peer peer(String userId, ParticipantRole role) {
    return new Peer(UUID.randomUUID().toString(), userId, role, "Name of " + userId);
  }

  /** Runs {@code action} on {@code loop} and waits for its future. */
  protected <T> T on(Loop loop, Supplier<Future<T>> action) {
    return join(start(loop, action));
  }

  /** Runs {@code action} on {@code loop} without waiting. */
  protected static <T> CompletableFuture<T> start(Loop loop, Supplier<Future<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.context().runOnContext(v -> {
      try {
        action.get().onComplete(ar -> {
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else {
            result.completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Waits until every task queued on {@code loop} before now has run. */
  protected void flush(Loop loop) {
    on(loop, Future::succeededFuture);
  }

  protected static <T> T await(Future<T> future) {
    return join(future.toCompletionStage().toCompletableFuture());
  }

  protected static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete within " + TIMEOUT, e);
    }
  }

  private static Future<List<RoomState>> repeat(int times, Supplier<Future<RoomState>> update) {
    List<Future<RoomState>> updates = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      updates.add(update.get());
    }
    return Future.all(updates).map(all -> all.<RoomState>list());
  }

  private static RoomState nextAgendaIndex(RoomState s) {
    return s.withAgendaIndex(s.agendaIndex() == null ? 1 : s.agendaIndex() + 1);
  }

  private static RoomState flip(RoomState s, ParticipantRole role) {
    return s.withConsent(role, !s.consent().getOrDefault(role, false));
  }

  private static void awaitBarrier(CyclicBarrier barrier) {
    try {
      barrier.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void drainJoins(Entered entered, int joins) {
    Set<String> types = IntStream.range(0, joins).mapToObj(i -> entered.inbox().next().getString("type"))
        .collect(Collectors.toSet());
    assertThat(types).containsExactly("peer-joined");
  }

  protected static JsonObject marker(int seq) {
    return new JsonObject().put("type", "marker").put("seq", seq);
  }

  protected static JsonObject peerJoined(Peer peer) {
    return new JsonObject().put("type", "peer-joined").put("peer", peer.toJson());
  }

  protected static JsonObject peerLeft(Peer peer) {
    return new JsonObject().put("type", "peer-left").put("peerId", peer.id());
  }
}
