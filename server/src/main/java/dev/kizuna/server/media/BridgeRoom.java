package dev.kizuna.server.media;

import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.Media;
import dev.kizuna.server.media.colibri2.MediaSource;
import dev.kizuna.server.media.sdp.BridgeOffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One room's bridge state: whether it moved to the bridge and, per participant (peer id = bridge
 * endpoint id), the bridge's transport, the sources the browser sends and the order in which the
 * other participants' m-sections were offered to it. Not thread-safe: {@link BridgeMedia} runs one
 * operation of a room at a time.
 */
final class BridgeRoom {

  /** One participant's bridge endpoint. */
  static final class Endpoint {
    final String id;
    final IceTransport bridge;
    final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    final List<String> slots = new ArrayList<>();
    List<MediaSource> sources = List.of();
    long version;

    Endpoint(String id, IceTransport bridge) {
      this.id = id;
      this.bridge = bridge;
    }
  }

  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private boolean onBridge;

  boolean onBridge() {
    return onBridge;
  }

  void onBridge(boolean value) {
    onBridge = value;
  }

  boolean hasEndpoints() {
    return !endpoints.isEmpty();
  }

  Optional<Endpoint> endpoint(String id) {
    return Optional.ofNullable(endpoints.get(id));
  }

  /** Ids of every endpoint but {@code except} (null: all). */
  List<String> others(String except) {
    return endpoints.keySet().stream().filter(id -> !id.equals(except)).toList();
  }

  /** Adds an endpoint; every endpoint gets a slot for every other one it lacks. */
  void add(String id, IceTransport bridge) {
    Endpoint added = new Endpoint(id, bridge);
    endpoints.put(id, added);
    for (Endpoint e : endpoints.values()) {
      for (String other : endpoints.keySet()) {
        if (!other.equals(e.id) && !e.slots.contains(other)) {
          e.slots.add(other);
        }
      }
    }
  }

  /** Removes an endpoint; its slots in the others stay, inactive. */
  Optional<Endpoint> remove(String id) {
    return Optional.ofNullable(endpoints.remove(id));
  }

  /** The next offer to {@code endpoint}: its slots with the current sources of who is still there. */
  String nextOffer(Endpoint endpoint, List<Media> codecs) {
    endpoint.version++;
    List<BridgeOffer.Slot> slots = endpoint.slots.stream()
        .map(id -> new BridgeOffer.Slot(id, endpoints.containsKey(id) ? endpoints.get(id).sources : List.of()))
        .toList();
    return BridgeOffer.build(endpoint.sessionId, endpoint.version, endpoint.bridge, codecs, slots);
  }
}
