package dev.kizuna.bench.hub;

import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Relay latency with nothing else going on: two peers of one room (the first on {@code first},
 * the second on {@code second}, which may be the same node) send each other ICE-candidate
 * {@code signal}s in turn, each one sent from the receiver's context as soon as the previous one
 * arrived, so exactly one message is in flight. Every leg is timed one-way.
 */
final class PingPong {

  private PingPong() {}

  /**
   * Runs {@code warmup} unrecorded messages, then {@code count} recorded ones, then both peers leave.
   *
   * @return one-way latencies in nanoseconds of the recorded messages
   */
  static Future<Histogram> run(Node first, Node second, int warmup, int count) {
    String roomId = "pingpong-" + UUID.randomUUID();
    Recorder recorder = new Recorder(3);
    AtomicInteger remaining = new AtomicInteger(warmup + count);
    Promise<Void> done = Promise.promise();
    Peers.Placed[] peers = new Peers.Placed[2];
    // Each inbox answers on its own context, towards the other peer.
    TimedInbox[] inboxes = new TimedInbox[2];
    for (int side = 0; side < 2; side++) {
      int self = side;
      inboxes[side] = new TimedInbox(recorder, message -> {
        int left = remaining.decrementAndGet();
        if (left == count) {
          recorder.reset();
        }
        if (left <= 0) {
          done.tryComplete();
        } else {
          send(peers[self], peers[1 - self]);
        }
      });
    }
    return Peers.enter(first, roomId, ParticipantRole.MEMBER, inboxes[0])
        .compose(a -> {
          peers[0] = a;
          return Peers.enter(second, roomId, ParticipantRole.MANAGER, inboxes[1]);
        })
        .compose(b -> {
          peers[1] = b;
          peers[0].context().runOnContext(v -> send(peers[0], peers[1]));
          return done.future();
        })
        .compose(v -> {
          Histogram latencies = recorder.getIntervalHistogram();
          return Future.all(peers[0].node().hub.exit(roomId, peers[0].peer().id()),
              peers[1].node().hub.exit(roomId, peers[1].peer().id())).map(latencies);
        });
  }

  private static void send(Peers.Placed from, Peers.Placed to) {
    JsonObject message = Messages.candidate(from.peer().id());
    from.node().hub.sendTo(from.roomId(), to.peer().id(), message).onFailure(Throwable::printStackTrace);
  }
}
