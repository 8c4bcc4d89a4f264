package dev.kizuna.server.media.colibri2;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The ICE and DTLS half of a colibri2 endpoint's transport ({@code transport.transport}, Jingle's
 * {@code urn:xmpp:jingle:transports:ice-udp:1}): what the bridge answers for its side and what the
 * focus sends back for the browser's side.
 *
 * @param ufrag ICE username fragment (RFC 8839)
 * @param pwd ICE password
 * @param rtcpMux RTP and RTCP on one port (RFC 5761)
 * @param fingerprints DTLS certificate fingerprints with their setup role (RFC 8122)
 * @param candidates ICE candidates
 */
public record IceTransport(String ufrag, String pwd, boolean rtcpMux, List<Fingerprint> fingerprints,
    List<Candidate> candidates) {

  /** Jingle's namespace for ICE-UDP, carried as {@code xmlns} in colibri2 JSON. */
  public static final String XMLNS = "urn:xmpp:jingle:transports:ice-udp:1";

  public IceTransport {
    fingerprints = List.copyOf(fingerprints);
    candidates = List.copyOf(candidates);
  }

  /**
   * A DTLS fingerprint.
   *
   * @param hash hash function, e.g. {@code sha-256}
   * @param fingerprint colon-separated upper-case hex
   * @param setup DTLS role (RFC 8842): {@code actpass}, {@code active} or {@code passive}
   */
  public record Fingerprint(String hash, String fingerprint, String setup) {

    static Fingerprint fromJson(JsonObject json) {
      return new Fingerprint(Colibri2Json.text(json, "hash"), Colibri2Json.text(json, "fingerprint"),
          json.getString("setup", "actpass"));
    }

    JsonObject toJson() {
      return new JsonObject().put("fingerprint", fingerprint).put("setup", setup).put("hash", hash);
    }
  }

  /**
   * One ICE candidate (RFC 8839 section 5.1).
   *
   * @param foundation candidate foundation
   * @param component 1 for RTP (RTCP is muxed)
   * @param protocol {@code udp} or {@code tcp}
   * @param priority candidate priority
   * @param ip address
   * @param port port
   * @param type {@code host}, {@code srflx}, {@code prflx} or {@code relay}
   * @param relAddr related address, or {@code null}
   * @param relPort related port, or 0
   * @param generation ICE generation (a Jingle/Chromium extension), usually 0
   */
  public record Candidate(String foundation, int component, String protocol, long priority, String ip, int port,
      String type, String relAddr, int relPort, int generation) {

    static Candidate fromJson(JsonObject json) {
      return new Candidate(Colibri2Json.text(json, "foundation"), (int) Colibri2Json.number(json, "component"),
          Colibri2Json.text(json, "protocol"), Colibri2Json.number(json, "priority"), Colibri2Json.text(json, "ip"),
          (int) Colibri2Json.number(json, "port"), Colibri2Json.text(json, "type"), json.getString("rel-addr"),
          json.containsKey("rel-port") ? (int) Colibri2Json.number(json, "rel-port") : 0,
          json.containsKey("generation") ? (int) Colibri2Json.number(json, "generation") : 0);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject()
          .put("foundation", foundation)
          .put("component", Integer.toString(component))
          .put("protocol", protocol)
          .put("priority", Long.toString(priority))
          .put("ip", ip)
          .put("port", Integer.toString(port))
          .put("type", type)
          .put("generation", Integer.toString(generation));
      if (relAddr != null) {
        json.put("rel-addr", relAddr).put("rel-port", Integer.toString(relPort));
      }
      return json;
    }
  }

  /** Reads the inner {@code transport} object of colibri2 JSON. */
  public static IceTransport fromJson(JsonObject json) {
    return new IceTransport(Colibri2Json.text(json, "ufrag"), Colibri2Json.text(json, "pwd"),
        json.getBoolean("rtcp-mux", false),
        Colibri2Json.objects(json, "fingerprints", Fingerprint::fromJson),
        Colibri2Json.objects(json, "candidates", Candidate::fromJson));
  }

  /** The inner {@code transport} object of colibri2 JSON. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("xmlns", XMLNS)
        .put("ufrag", ufrag)
        .put("pwd", pwd)
        .put("rtcp-mux", rtcpMux)
        .put("fingerprints", Colibri2Json.array(fingerprints, Fingerprint::toJson))
        .put("candidates", Colibri2Json.array(candidates, Candidate::toJson));
  }
}
