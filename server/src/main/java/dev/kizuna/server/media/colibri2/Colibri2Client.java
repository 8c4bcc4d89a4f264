package dev.kizuna.server.media.colibri2;

import dev.kizuna.server.media.colibri2.impl.WebColibri2Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of Jitsi Videobridge's colibri2 REST API (jitsi-videobridge doc/rest-colibri2.md):
 * Kizuna acts as the conference focus, allocating one bridge endpoint per participant and telling
 * the bridge each browser's transport and sources. Every call is asynchronous, limited by the
 * configured timeout, and fails with a {@link Colibri2Exception} naming the bridge's answer.
 */
public interface Colibri2Client {

  /**
   * @param baseUrl the bridge's private REST interface, e.g. {@code http://jvb:8080}
   * @param timeout limit per request
   */
  static Colibri2Client create(Vertx vertx, URI baseUrl, Duration timeout) {
    return new WebColibri2Client(vertx, baseUrl, timeout);
  }

  /**
   * {@code POST /colibri/v2/conferences}: creates conference {@code meetingId} with one endpoint per
   * id, each ICE-controlled by the bridge and offered {@code media}.
   *
   * @return the bridge's transport (ICE, DTLS, candidates) per endpoint id
   */
  Future<Map<String, IceTransport>> createConference(String meetingId, String name, List<String> endpointIds,
      List<Media> media);

  /**
   * {@code PATCH /colibri/v2/conferences/{meetingId}}: adds endpoints to an existing conference.
   *
   * @return the bridge's transport per new endpoint id
   */
  Future<Map<String, IceTransport>> addEndpoints(String meetingId, List<String> endpointIds, List<Media> media);

  /** {@code PATCH}: the browser's side of the endpoint's transport and the sources it sends. */
  Future<Void> updateEndpoint(String meetingId, String endpointId, IceTransport transport, List<MediaSource> sources);

  /** {@code PATCH} with {@code expire:true} on the endpoint: the participant left. */
  Future<Void> expireEndpoint(String meetingId, String endpointId);

  /** {@code PATCH} with {@code expire:true} on the conference: everyone left or the meeting ended. */
  Future<Void> expireConference(String meetingId);
}
