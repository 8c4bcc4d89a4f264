package dev.kizuna.server.media;

import dev.kizuna.server.media.colibri2.Colibri2Client;
import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.Media;
import dev.kizuna.server.media.sdp.BrowserAnswer;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves rooms to Jitsi Videobridge and keeps them there (modes {@code bridge} and {@code auto}).
 * When {@link SwitchRule} says so (a join, or {@code ice-failed}), the room's conference is created
 * with an endpoint per participant, everyone gets {@code media-mode bridge} and a
 * {@code bridge-offer} built from their endpoint's transport; each {@code bridge-answer} is PATCHed
 * to the bridge, and when a participant's sources change the others get a new offer carrying them.
 * A participant who leaves has their endpoint expired (their m-sections go inactive for the
 * others); the last one expires the conference. A room's operations run one at a time, in order.
 *
 * <p>A room's bridge state lives on the node that runs these hooks (one node today; with the Redis
 * hub each node keeps the state of its own peers' rooms, see docs/ARCHITECTURE.md).
 */
public final class BridgeMedia implements RoomHooks {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeMedia.class);

  private final RoomHub hub;
  private final Colibri2Client bridge;
  private final List<Media> codecs;
  private final SwitchRule rule;
  private final Map<String, BridgeRoom> rooms = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> tails = new HashMap<>();

  /**
   * @param codecs what every endpoint is offered, audio then video
   * @param rule when a room moves to the bridge
   */
  public BridgeMedia(RoomHub hub, Colibri2Client bridge, List<Media> codecs, SwitchRule rule) {
    this.hub = hub;
    this.bridge = bridge;
    this.codecs = codecs;
    this.rule = rule;
  }

  @Override
  public Future<Void> afterJoin(String roomId, Peer peer) {
    return serial(roomId, room -> hub.peers(roomId).compose(peers -> {
      if (room.onBridge()) {
        // An endpoint may exist already: the room moved while this peer was entering, and what it was
        // sent then may have overtaken its welcome (which resets the browser). Tell it again.
        return room.endpoint(peer.id()).isPresent()
            ? toBridge(roomId, room, peer.id(), "joined-bridge")
            : addEndpoint(roomId, room, peer);
      }
      return rule.onJoin(peers.size()) ? move(roomId, room, peers, peers.size() > 2 ? "third-participant" : "configured")
          : Future.succeededFuture();
    }));
  }

  @Override
  public Future<Void> afterIceFailed(String roomId, Peer peer) {
    return serial(roomId, room -> room.onBridge() || !rule.onIceFailed()
        ? Future.succeededFuture()
        : hub.peers(roomId).compose(peers -> move(roomId, room, peers, "ice-failed")));
  }

  @Override
  public Future<Void> afterBridgeAnswer(String roomId, Peer peer, String sdp) {
    return serial(roomId, room -> {
      BridgeRoom.Endpoint endpoint = room.endpoint(peer.id()).orElseThrow(
          () -> new IllegalArgumentException("no bridge offer was made to this participant"));
      BrowserAnswer answer = BrowserAnswer.parse(sdp, endpoint.id);
      return bridge.updateEndpoint(roomId, endpoint.id, answer.transport(), answer.sources()).compose(v -> {
        if (answer.sources().equals(endpoint.sources)) {
          return Future.succeededFuture();
        }
        endpoint.sources = answer.sources();
        return offer(roomId, room, room.others(endpoint.id));
      });
    });
  }

  @Override
  public Future<Void> afterLeave(String roomId, Peer peer) {
    return serial(roomId, room -> {
      Future<Void> expired = room.remove(peer.id())
          .map(e -> bridge.expireEndpoint(roomId, e.id)
              .compose(v -> room.hasEndpoints() ? offer(roomId, room, room.others(null)) : bridge.expireConference(roomId)))
          .orElseGet(Future::succeededFuture);
      return expired.eventually(() -> hub.peers(roomId).map(peers -> {
        if (peers.isEmpty()) {
          rooms.remove(roomId);
        }
        return null;
      }));
    });
  }

  /** Creates the conference with everyone present, tells them, and sends each their offer. */
  private Future<Void> move(String roomId, BridgeRoom room, List<Peer> peers, String reason) {
    List<String> ids = peers.stream().map(Peer::id).toList();
    room.onBridge(true);
    return bridge.createConference(roomId, "kizuna-" + roomId, ids, codecs)
        .onFailure(e -> room.onBridge(false))
        .compose(transports -> {
          transports.forEach(room::add);
          LOG.info("room {} moved to the bridge ({}), {} endpoints", roomId, reason, ids.size());
          return hub.broadcast(roomId, mediaMode(reason), null).compose(v -> offer(roomId, room, ids));
        });
  }

  /** Adds a newcomer to a room already on the bridge. */
  private Future<Void> addEndpoint(String roomId, BridgeRoom room, Peer peer) {
    return bridge.addEndpoints(roomId, List.of(peer.id()), codecs).compose(transports -> {
      IceTransport transport = transports.get(peer.id());
      room.add(peer.id(), transport);
      return toBridge(roomId, room, peer.id(), "joined-bridge");
    });
  }

  /** Sends one peer {@code media-mode} and its offer. */
  private Future<Void> toBridge(String roomId, BridgeRoom room, String peerId, String reason) {
    return hub.sendTo(roomId, peerId, mediaMode(reason)).compose(found -> offer(roomId, room, List.of(peerId)));
  }

  private Future<Void> offer(String roomId, BridgeRoom room, List<String> endpointIds) {
    Future<Void> sent = Future.succeededFuture();
    for (String id : endpointIds) {
      BridgeRoom.Endpoint endpoint = room.endpoint(id).orElseThrow();
      JsonObject message = new JsonObject().put("type", "bridge-offer").put("sdp", room.nextOffer(endpoint, codecs));
      sent = sent.compose(v -> hub.sendTo(roomId, id, message).mapEmpty());
    }
    return sent;
  }

  private static JsonObject mediaMode(String reason) {
    return new JsonObject().put("type", "media-mode").put("mode", "bridge").put("reason", reason);
  }

  /** Runs {@code op} on the room's state after the room's previous operation finished. */
  private Future<Void> serial(String roomId, Function<BridgeRoom, Future<Void>> op) {
    Promise<Void> done = Promise.promise();
    Future<Void> previous;
    synchronized (tails) {
      previous = tails.getOrDefault(roomId, Future.succeededFuture());
      tails.put(roomId, done.future());
    }
    previous.onComplete(ignored -> Future.<Void>succeededFuture()
        .compose(v -> op.apply(rooms.computeIfAbsent(roomId, id -> new BridgeRoom())))
        .onComplete(result -> {
          synchronized (tails) {
            tails.remove(roomId, done.future());
          }
          done.handle(result);
        }));
    return done.future();
  }
}
