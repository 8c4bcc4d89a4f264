package dev.kizuna.server.media;

import dev.kizuna.server.media.colibri2.Media;
import dev.kizuna.server.media.colibri2.Media.HeaderExtension;
import dev.kizuna.server.media.colibri2.Media.PayloadType;
import dev.kizuna.server.media.colibri2.Media.RtcpFeedback;
import java.util.List;
import java.util.Map;

/**
 * The codecs Kizuna, as the conference focus, asks the bridge for and offers every browser: Opus
 * and VP8 with RTX, the payload type numbers and header extension ids Chromium and Jitsi Meet use
 * (Opus 111, VP8 100, RTX 96; audio level 1, abs-send-time 3, transport-wide congestion control 5).
 */
public final class BridgeCodecs {

  private static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

  /** Audio first, then video: the order of the m-lines of each participant in the bridge's offer. */
  public static final List<Media> DEFAULT = List.of(
      new Media("audio",
          List.of(new PayloadType(111, "opus", 48_000, 2, Map.of("minptime", "10", "useinbandfec", "1"),
              List.of(new RtcpFeedback("transport-cc", null)))),
          List.of(new HeaderExtension(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
              new HeaderExtension(5, TRANSPORT_CC))),
      new Media("video",
          List.of(new PayloadType(100, "VP8", 90_000, 0, Map.of(), List.of(
                  new RtcpFeedback("ccm", "fir"), new RtcpFeedback("nack", null), new RtcpFeedback("nack", "pli"),
                  new RtcpFeedback("transport-cc", null))),
              new PayloadType(96, "rtx", 90_000, 0, Map.of("apt", "100"), List.of())),
          List.of(new HeaderExtension(3, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
              new HeaderExtension(5, TRANSPORT_CC))));

  private BridgeCodecs() {}
}
