package dev.kizuna.server.media.colibri2;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A colibri2 media source: one track of one endpoint, its SSRCs and their groups (e.g. the video's
 * RTX pairing, {@code FID}). Source names follow Jitsi's convention {@code <endpointId>-a0} /
 * {@code <endpointId>-v0}.
 *
 * @param type {@code audio} or {@code video}
 * @param id the source name
 * @param sources SSRCs of the track
 * @param groups SSRC groups (RFC 5576), e.g. {@code FID primary rtx}
 */
public record MediaSource(String type, String id, List<Source> sources, List<SsrcGroup> groups) {

  public MediaSource {
    sources = List.copyOf(sources);
    groups = List.copyOf(groups);
  }

  /**
   * One SSRC.
   *
   * @param ssrc the RTP synchronisation source, 0 to 2^32-1
   * @param name the source name
   * @param msid WebRTC media stream and track id, {@code "<stream> <track>"}, or {@code null}
   */
  public record Source(long ssrc, String name, String msid) {

    static Source fromJson(JsonObject json) {
      JsonObject parameters = json.getJsonObject("parameters", new JsonObject());
      return new Source(Colibri2Json.number(json, "ssrc"), json.getString("name"), parameters.getString("msid"));
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("ssrc", ssrc);
      if (name != null) {
        json.put("name", name);
      }
      return msid == null ? json : json.put("parameters", new JsonObject().put("msid", msid));
    }
  }

  /**
   * An SSRC group, e.g. {@code FID} (a primary SSRC and its retransmission SSRC).
   *
   * @param semantics {@code FID}, {@code SIM}, ...
   * @param ssrcs the group's SSRCs in order
   */
  public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public SsrcGroup {
      ssrcs = List.copyOf(ssrcs);
    }

    static SsrcGroup fromJson(JsonObject json) {
      return new SsrcGroup(Colibri2Json.text(json, "semantics"),
          json.getJsonArray("sources", new JsonArray()).stream().map(o -> Long.parseLong(o.toString())).toList());
    }

    JsonObject toJson() {
      return new JsonObject().put("semantics", semantics).put("sources", new JsonArray(List.copyOf(ssrcs)));
    }
  }

  /** Reads a colibri2 media source. */
  public static MediaSource fromJson(JsonObject json) {
    return new MediaSource(Colibri2Json.text(json, "type"), Colibri2Json.text(json, "id"),
        Colibri2Json.objects(json, "sources", Source::fromJson),
        Colibri2Json.objects(json, "ssrc-groups", SsrcGroup::fromJson));
  }

  /** The colibri2 JSON form. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type)
        .put("id", id)
        .put("sources", Colibri2Json.array(sources, Source::toJson));
    return groups.isEmpty() ? json : json.put("ssrc-groups", Colibri2Json.array(groups, SsrcGroup::toJson));
  }
}
