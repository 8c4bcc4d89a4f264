package dev.kizuna.bench.hub;

import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.PeerInbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.UUID;

/** Entering bench peers into a room on their node, on their own context. */
final class Peers {

  private Peers() {}

  /** A peer of a room, on one node and context. */
  record Placed(String roomId, Peer peer, Node node, Context context) {}

  /**
   * Enters a new peer with {@code role} into {@code roomId} on {@code node}, from the context the
   * peer will live on (as the room socket does).
   */
  static Future<Placed> enter(Node node, String roomId, ParticipantRole role, PeerInbox inbox) {
    String id = UUID.randomUUID().toString();
    Peer peer = new Peer(id, "user-" + id, role, role.name().toLowerCase());
    Context context = node.nextContext();
    Promise<Placed> placed = Promise.promise();
    context.runOnContext(v -> node.hub.enter(roomId, peer, inbox)
        .map(present -> new Placed(roomId, peer, node, context))
        .onComplete(placed));
    return placed.future();
  }
}
