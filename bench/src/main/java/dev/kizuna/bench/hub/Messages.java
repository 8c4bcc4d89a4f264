package dev.kizuna.bench.hub;

import io.vertx.core.json.JsonObject;

/**
 * Server-to-client room messages as the room socket relays them (docs/PROTOCOL.md), each with
 * the send time {@code t} in its {@code data}.
 */
final class Messages {

  /** An ICE candidate as Chrome sends it (server-reflexive; documentation addresses). */
  private static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx"
      + " raddr 192.0.2.12 rport 46154 generation 0 ufrag sN7w network-cost 999";
  /** Size of a small SDP (one audio and one video section, trimmed); real ones are 3-6 KB. */
  private static final String SDP = "v=0\r\n" + "a=candidate-free-sdp-line-for-size\r\n".repeat(40);

  private Messages() {}

  /** {@code signal} carrying one ICE candidate (~300 bytes encoded). */
  static JsonObject candidate(String from) {
    return signal(from, new JsonObject().put("candidate", CANDIDATE).put("sdpMid", "0").put("sdpMLineIndex", 0)
        .put("usernameFragment", "sN7w"));
  }

  /** {@code signal} carrying an SDP offer or answer (~1.5 KB encoded). */
  static JsonObject description(String from, String type) {
    return signal(from, new JsonObject().put("description", new JsonObject().put("type", type).put("sdp", SDP)));
  }

  /** {@code agenda.current} as broadcast to the room (send time in {@code data} like the others). */
  static JsonObject agenda(String from, int index) {
    return new JsonObject().put("type", "agenda.current").put("index", index).put("from", from)
        .put("data", new JsonObject().put("t", System.nanoTime()));
  }

  private static JsonObject signal(String from, JsonObject data) {
    return new JsonObject().put("type", "signal").put("from", from).put("data", data.put("t", System.nanoTime()));
  }
}
