package dev.kizuna.bench.hub;

import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.RoomState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Many rooms of two peers, the member on one node and the manager on another (or the same), each
 * room producing the room-socket traffic of a 1on1 with transcription on, at a random phase:
 * <ul>
 *   <li>a WebRTC negotiation every {@link #NEGOTIATION_MS}: the member's offer, the manager's
 *       answer, then {@link #CANDIDATES} ICE candidates from each side {@link #CANDIDATE_GAP_MS}
 *       apart (what a join or an ICE restart sends; pessimistic, a stable call sends none);</li>
 *   <li>a transcript partial broadcast to both every {@link #PARTIAL_MS} (PROTOCOL.md: "at most a
 *       few a second"), from the member's node;</li>
 *   <li>the manager moves to the next agenda item every {@link #AGENDA_MS} and the member toggles
 *       consent every {@link #CONSENT_MS}: each a state update followed by a broadcast, as the
 *       room socket does.</li>
 * </ul>
 * Every message carries its send time; latency is recorded one-way on delivery.
 */
final class RoomLoad {

  static final long NEGOTIATION_MS = 30_000;
  static final int CANDIDATES = 8;
  static final long CANDIDATE_GAP_MS = 20;
  static final long PARTIAL_MS = 500;
  static final long AGENDA_MS = 60_000;
  static final long CONSENT_MS = 120_000;

  private record Room(Peers.Placed member, Peers.Placed manager) {}

  private final Node memberNode;
  private final Node managerNode;
  private final Recorder latencyNanos = new Recorder(3);
  private final AtomicLong expected = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final List<Room> rooms = new ArrayList<>();
  private volatile boolean running;

  RoomLoad(Node memberNode, Node managerNode) {
    this.memberNode = memberNode;
    this.managerNode = managerNode;
  }

  /** Opens {@code count} rooms, {@code batch} entering at a time; call from the main thread. */
  Future<Void> open(int count, int batch) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i += batch) {
      int size = Math.min(batch, count - i);
      chain = chain.compose(v -> {
        List<Future<Room>> entering = new ArrayList<>();
        for (int j = 0; j < size; j++) {
          entering.add(openRoom());
        }
        return Future.all(entering).map(all -> {
          synchronized (rooms) {
            for (int j = 0; j < size; j++) {
              rooms.add(all.resultAt(j));
            }
          }
          return null;
        });
      });
    }
    return chain;
  }

  private Future<Room> openRoom() {
    String roomId = "load-" + UUID.randomUUID();
    Peers.Placed[] manager = new Peers.Placed[1];
    TimedInbox memberInbox = new TimedInbox(latencyNanos, message -> delivered.incrementAndGet());
    TimedInbox managerInbox = new TimedInbox(latencyNanos, message -> {
      delivered.incrementAndGet();
      JsonObject description = message.getJsonObject("data").getJsonObject("description");
      if (running && description != null && "offer".equals(description.getString("type"))) {
        answer(manager[0], message.getString("from"));
      }
    });
    return Peers.enter(memberNode, roomId, ParticipantRole.MEMBER, memberInbox)
        .compose(member -> Peers.enter(managerNode, roomId, ParticipantRole.MANAGER, managerInbox)
            .map(placed -> {
              manager[0] = placed;
              return new Room(member, placed);
            }));
  }

  /** Starts every room's timers, each on the context of the peer that sends. */
  void start() {
    running = true;
    List<Room> open;
    synchronized (rooms) {
      open = List.copyOf(rooms);
    }
    for (Room room : open) {
      every(room.member(), NEGOTIATION_MS, () -> negotiate(room));
      every(room.member(), PARTIAL_MS, () -> broadcast(room.member(), partial(room.member().peer().id())));
      int[] agenda = {0};
      every(room.manager(), AGENDA_MS, () -> {
        int index = ++agenda[0] % 5;
        changeState(room.manager(), s -> s.withAgendaIndex(index), Messages.agenda(room.manager().peer().id(), index));
      });
      boolean[] consent = {false};
      every(room.member(), CONSENT_MS, () -> {
        consent[0] = !consent[0];
        boolean given = consent[0];
        changeState(room.member(), s -> s.withConsent(ParticipantRole.MEMBER, given),
            new JsonObject().put("type", "consent").put("data", new JsonObject().put("t", System.nanoTime())));
      });
    }
  }

  /** Stops sending; timers cancel themselves at their next tick. */
  void stop() {
    running = false;
  }

  /** Starts recording latencies afresh. */
  void resetLatencies() {
    latencyNanos.reset();
  }

  /** Latencies recorded since the last reset, in nanoseconds. */
  Histogram latencies() {
    return latencyNanos.getIntervalHistogram();
  }

  /** Deliveries due so far (a signal counts one, a broadcast two). */
  long expected() {
    return expected.get();
  }

  /** Deliveries made so far. */
  long delivered() {
    return delivered.get();
  }

  /** Lets every peer leave its room. */
  Future<Void> close() {
    List<Future<Void>> exits = new ArrayList<>();
    for (Room room : rooms) {
      exits.add(room.member().node().hub.exit(room.member().roomId(), room.member().peer().id()));
      exits.add(room.manager().node().hub.exit(room.manager().roomId(), room.manager().peer().id()));
    }
    rooms.clear();
    return Future.all(exits).mapEmpty();
  }

  private void every(Peers.Placed sender, long periodMs, Runnable action) {
    long phase = 1 + ThreadLocalRandom.current().nextLong(periodMs);
    sender.context().runOnContext(v -> sender.node().vertx.setPeriodic(phase, periodMs, id -> {
      if (running) {
        action.run();
      } else {
        sender.node().vertx.cancelTimer(id);
      }
    }));
  }

  private void negotiate(Room room) {
    sendTo(room.member(), room.manager().peer().id(), Messages.description(room.member().peer().id(), "offer"));
    candidates(room.member(), room.manager().peer().id(), CANDIDATES);
  }

  private void answer(Peers.Placed manager, String memberId) {
    sendTo(manager, memberId, Messages.description(manager.peer().id(), "answer"));
    candidates(manager, memberId, CANDIDATES);
  }

  private void candidates(Peers.Placed from, String toPeerId, int left) {
    if (left == 0 || !running) {
      return;
    }
    from.node().vertx.setTimer(CANDIDATE_GAP_MS, id -> {
      sendTo(from, toPeerId, Messages.candidate(from.peer().id()));
      candidates(from, toPeerId, left - 1);
    });
  }

  private void sendTo(Peers.Placed from, String toPeerId, JsonObject message) {
    expected.incrementAndGet();
    from.node().hub.sendTo(from.roomId(), toPeerId, message).onFailure(Throwable::printStackTrace);
  }

  private void broadcast(Peers.Placed from, JsonObject message) {
    expected.addAndGet(2);
    from.node().hub.broadcast(from.roomId(), message, null).onFailure(Throwable::printStackTrace);
  }

  private void changeState(Peers.Placed from, UnaryOperator<RoomState> update, JsonObject message) {
    expected.addAndGet(2);
    from.node().hub.updateState(from.roomId(), update)
        .compose(state -> from.node().hub.broadcast(from.roomId(), message, null))
        .onFailure(Throwable::printStackTrace);
  }

  private static JsonObject partial(String speakerId) {
    return new JsonObject().put("type", "transcript").put("speakerId", speakerId).put("role", "MEMBER")
        .put("text", "so what I wanted to talk about today is the review of the storage design")
        .put("final", false).put("startMs", 61_200).put("endMs", 63_900)
        .put("data", new JsonObject().put("t", System.nanoTime()));
  }
}
