package dev.kizuna.server.media.colibri2;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A colibri2 {@code media} entry: the payload types and RTP header extensions an endpoint may use
 * for one kind of media. The focus (Kizuna) chooses them; the same list becomes the browser's SDP.
 *
 * @param type {@code audio} or {@code video}
 * @param payloadTypes codecs in order of preference
 * @param headerExtensions RTP header extensions (RFC 8285)
 */
public record Media(String type, List<PayloadType> payloadTypes, List<HeaderExtension> headerExtensions) {

  public Media {
    payloadTypes = List.copyOf(payloadTypes);
    headerExtensions = List.copyOf(headerExtensions);
  }

  /**
   * One RTP payload type (SDP {@code a=rtpmap}, {@code a=fmtp}, {@code a=rtcp-fb}).
   *
   * @param id dynamic payload type number, 96-127
   * @param name encoding name, e.g. {@code opus}, {@code VP8}, {@code rtx}
   * @param clockRate RTP clock rate in Hz
   * @param channels audio channels, 0 for video
   * @param parameters format parameters, e.g. {@code apt=100}
   * @param rtcpFeedback RTCP feedback, e.g. {@code nack pli}
   */
  public record PayloadType(int id, String name, int clockRate, int channels, Map<String, String> parameters,
      List<RtcpFeedback> rtcpFeedback) {

    public PayloadType {
      parameters = Map.copyOf(parameters);
      rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject()
          .put("id", Integer.toString(id))
          .put("name", name)
          .put("clockrate", Integer.toString(clockRate));
      if (channels > 0) {
        json.put("channels", Integer.toString(channels));
      }
      JsonObject params = new JsonObject();
      new TreeMap<>(parameters).forEach(params::put);
      return json.put("parameters", params).put("rtcp-fbs", Colibri2Json.array(rtcpFeedback, RtcpFeedback::toJson));
    }
  }

  /**
   * One RTCP feedback mechanism (RFC 4585), {@code type} with an optional {@code subtype}.
   *
   * @param subtype e.g. {@code pli} of {@code nack pli}, or {@code null}
   */
  public record RtcpFeedback(String type, String subtype) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("type", type);
      return subtype == null ? json : json.put("subtype", subtype);
    }

    /** The SDP form: {@code nack pli}, {@code transport-cc}. */
    public String sdp() {
      return subtype == null ? type : type + " " + subtype;
    }
  }

  /**
   * One RTP header extension (SDP {@code a=extmap}).
   *
   * @param id local identifier, 1-14
   * @param uri the extension's URI
   */
  public record HeaderExtension(int id, String uri) {

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("uri", uri);
    }
  }

  /** The colibri2 JSON form. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type)
        .put("payload-types", Colibri2Json.array(payloadTypes, PayloadType::toJson))
        .put("rtp-hdrexts", Colibri2Json.array(headerExtensions, HeaderExtension::toJson));
  }
}
