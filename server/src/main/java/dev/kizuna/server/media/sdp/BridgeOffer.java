package dev.kizuna.server.media.sdp;

import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.Media;
import dev.kizuna.server.media.colibri2.MediaSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the SDP offer (RFC 8866, JSEP RFC 8829) a browser receives for its bridge endpoint, from
 * the transport the bridge allocated for it. Layout, as lib-jitsi-meet sees a bridge in Unified
 * Plan: every m-section is BUNDLEd on the one transport; the first audio and video m-sections
 * (mids 0 and 1) carry the browser's own media to the bridge ({@code recvonly} from the bridge's
 * side); then each other participant gets one audio and one video m-section ({@code sendonly})
 * carrying their SSRCs and msids, or {@code inactive} while they have none or after they left.
 * M-sections are never removed or reordered (JSEP 5.2.2), so a participant's slot keeps its mids.
 */
public final class BridgeOffer {

  private static final String CRLF = "\r\n";

  /**
   * The media another participant sends through the bridge.
   *
   * @param endpointId their bridge endpoint (the SSRCs' cname)
   * @param sources their sources; none: the slot is inactive
   */
  public record Slot(String endpointId, List<MediaSource> sources) {

    public Slot {
      sources = List.copyOf(sources);
    }
  }

  private BridgeOffer() {}

  /**
   * @param sessionId the {@code o=} session id, fixed per endpoint
   * @param version the {@code o=} version, higher with every new offer to the same endpoint
   * @param bridge the bridge's side of this endpoint's transport
   * @param media the codecs, one entry per kind (audio, video)
   * @param slots the other participants, in the order their m-sections were first offered
   * @return the SDP with CRLF line ends
   */
  public static String build(long sessionId, long version, IceTransport bridge, List<Media> media, List<Slot> slots) {
    StringBuilder sdp = new StringBuilder();
    List<String> mids = new ArrayList<>();
    for (int i = 0; i < media.size() * (slots.size() + 1); i++) {
      mids.add(Integer.toString(i));
    }
    line(sdp, "v=0");
    line(sdp, "o=kizuna " + sessionId + " " + version + " IN IP4 0.0.0.0");
    line(sdp, "s=-");
    line(sdp, "t=0 0");
    line(sdp, "a=group:BUNDLE " + String.join(" ", mids));
    line(sdp, "a=msid-semantic: WMS *");
    int mid = 0;
    for (Media m : media) {
      section(sdp, bridge, m, mid, "recvonly", null, mid == 0);
      mid++;
    }
    for (Slot slot : slots) {
      for (Media m : media) {
        MediaSource source = slot.sources().stream().filter(s -> s.type().equals(m.type())).findFirst().orElse(null);
        section(sdp, bridge, m, mid++, source == null ? "inactive" : "sendonly",
            source == null ? null : new Sender(slot.endpointId(), source), false);
      }
    }
    return sdp.toString();
  }

  private record Sender(String cname, MediaSource source) {}

  private static void section(StringBuilder sdp, IceTransport bridge, Media media, int mid, String direction,
      Sender sender, boolean withCandidates) {
    StringBuilder types = new StringBuilder();
    media.payloadTypes().forEach(pt -> types.append(' ').append(pt.id()));
    line(sdp, "m=" + media.type() + " 9 UDP/TLS/RTP/SAVPF" + types);
    line(sdp, "c=IN IP4 0.0.0.0");
    line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
    line(sdp, "a=ice-ufrag:" + bridge.ufrag());
    line(sdp, "a=ice-pwd:" + bridge.pwd());
    for (IceTransport.Fingerprint fp : bridge.fingerprints()) {
      line(sdp, "a=fingerprint:" + fp.hash() + " " + fp.fingerprint());
    }
    // The bridge offers actpass (RFC 8842 5.2); the browser then answers active.
    line(sdp, "a=setup:" + bridge.fingerprints().stream().map(IceTransport.Fingerprint::setup).findFirst()
        .orElse("actpass"));
    line(sdp, "a=mid:" + mid);
    media.headerExtensions().forEach(ext -> line(sdp, "a=extmap:" + ext.id() + " " + ext.uri()));
    line(sdp, "a=" + direction);
    String msid = sender == null ? null : sender.source().sources().stream()
        .map(MediaSource.Source::msid).filter(m -> m != null).findFirst().orElse(null);
    if (msid != null) {
      line(sdp, "a=msid:" + msid);
    }
    if (bridge.rtcpMux()) {
      line(sdp, "a=rtcp-mux");
    }
    for (Media.PayloadType pt : media.payloadTypes()) {
      line(sdp, "a=rtpmap:" + pt.id() + " " + pt.name() + "/" + pt.clockRate() + (pt.channels() > 0 ? "/" + pt.channels() : ""));
      pt.rtcpFeedback().forEach(fb -> line(sdp, "a=rtcp-fb:" + pt.id() + " " + fb.sdp()));
      if (!pt.parameters().isEmpty()) {
        line(sdp, "a=fmtp:" + pt.id() + " " + fmtp(pt.parameters()));
      }
    }
    if (sender != null) {
      for (MediaSource.SsrcGroup group : sender.source().groups()) {
        StringBuilder ssrcs = new StringBuilder();
        group.ssrcs().forEach(s -> ssrcs.append(' ').append(s));
        line(sdp, "a=ssrc-group:" + group.semantics() + ssrcs);
      }
      for (MediaSource.Source s : sender.source().sources()) {
        line(sdp, "a=ssrc:" + s.ssrc() + " cname:" + sender.cname());
        if (s.msid() != null) {
          line(sdp, "a=ssrc:" + s.ssrc() + " msid:" + s.msid());
        }
      }
    }
    if (withCandidates) {
      bridge.candidates().forEach(c -> line(sdp, "a=" + SdpCandidates.format(c)));
      line(sdp, "a=end-of-candidates");
    }
  }

  private static String fmtp(Map<String, String> parameters) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(parameters).forEach((k, v) -> text.append(text.isEmpty() ? "" : ";").append(k).append('=').append(v));
    return text.toString();
  }

  private static void line(StringBuilder sdp, String text) {
    sdp.append(text).append(CRLF);
  }
}
