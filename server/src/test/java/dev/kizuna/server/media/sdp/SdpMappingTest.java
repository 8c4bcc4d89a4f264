package dev.kizuna.server.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kizuna.server.media.BridgeCodecs;
import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.MediaSource;
import dev.kizuna.server.testing.FakeBridge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SDP side of the bridge: offers built from a colibri2 allocation, and browser answers read
 * back into colibri2 transport and sources. {@code sdp/chromium-answer.sdp} is the answer headless
 * Chromium 156 gave to such an offer (web-client/e2e/bridge-offer.mjs), stored unchanged.
 */
class SdpMappingTest {

  private static final IceTransport BRIDGE =
      IceTransport.fromJson(FakeBridge.transportOf("conference-create-response.json", 0));

  private static final List<MediaSource> OTHER = List.of(
      new MediaSource("audio", "peer-b-a0", List.of(new MediaSource.Source(1111L, "peer-b-a0", "sb ta")), List.of()),
      new MediaSource("video", "peer-b-v0",
          List.of(new MediaSource.Source(2222L, "peer-b-v0", "sb tv"), new MediaSource.Source(3333L, "peer-b-v0", "sb tv")),
          List.of(new MediaSource.SsrcGroup("FID", List.of(2222L, 3333L)))));

  private static String offer() {
    return BridgeOffer.build(42, 3, BRIDGE, BridgeCodecs.DEFAULT,
        List.of(new BridgeOffer.Slot("peer-b", OTHER), new BridgeOffer.Slot("peer-c", List.of())));
  }

  /** The offer's m-sections, each as its lines (index 0 is the session part). */
  private static List<List<String>> sections(String sdp) {
    return Arrays.stream(sdp.split("\r\n(?=m=)")).map(s -> List.of(s.split("\r\n"))).toList();
  }

  @Test
  @DisplayName("the offer bundles the browser's own audio and video and an audio and video section per other participant on the bridge's transport")
  void offerLayout() {
    String sdp = offer();
    assertThat(sdp).startsWith("v=0\r\n").endsWith("\r\n").doesNotContain("\n\n");
    assertThat(sdp.replace("\r\n", "")).doesNotContain("\n");
    List<List<String>> sections = sections(sdp);
    assertThat(sections.get(0)).contains("o=kizuna 42 3 IN IP4 0.0.0.0", "a=group:BUNDLE 0 1 2 3 4 5");
    List<List<String>> media = sections.subList(1, sections.size());
    assertThat(media).extracting(s -> s.get(0)).containsExactly(
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=video 9 UDP/TLS/RTP/SAVPF 100 96",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=video 9 UDP/TLS/RTP/SAVPF 100 96",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=video 9 UDP/TLS/RTP/SAVPF 100 96");
    assertThat(media).extracting(s -> s.stream().filter(l -> l.startsWith("a=mid:")).findFirst().orElseThrow())
        .containsExactly("a=mid:0", "a=mid:1", "a=mid:2", "a=mid:3", "a=mid:4", "a=mid:5");
    assertThat(media).extracting(SdpMappingTest::direction)
        .containsExactly("recvonly", "recvonly", "sendonly", "sendonly", "inactive", "inactive");
    for (List<String> section : media) {
      assertThat(section).contains("a=ice-ufrag:" + BRIDGE.ufrag(), "a=ice-pwd:" + BRIDGE.pwd(),
          "a=fingerprint:sha-256 " + BRIDGE.fingerprints().get(0).fingerprint(), "a=setup:actpass", "a=rtcp-mux");
    }
    assertThat(media.get(0)).contains(
        "a=candidate:1 1 udp 2130706431 192.0.2.10 10000 typ host generation 0",
        "a=candidate:2 1 udp 1694498815 198.51.100.20 10000 typ srflx raddr 192.0.2.10 rport 10000 generation 0",
        "a=end-of-candidates", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    assertThat(media.get(1)).contains("a=rtpmap:100 VP8/90000", "a=rtcp-fb:100 nack pli", "a=rtpmap:96 rtx/90000",
        "a=fmtp:96 apt=100").noneMatch(l -> l.startsWith("a=candidate"));
    assertThat(media.get(2)).contains("a=msid:sb ta", "a=ssrc:1111 cname:peer-b", "a=ssrc:1111 msid:sb ta");
    assertThat(media.get(3)).contains("a=ssrc-group:FID 2222 3333", "a=ssrc:2222 cname:peer-b", "a=ssrc:3333 cname:peer-b");
    assertThat(media.get(4)).noneMatch(l -> l.startsWith("a=ssrc") || l.startsWith("a=msid"));
  }

  private static String direction(List<String> section) {
    return section.stream().map(l -> l.substring(2))
        .filter(a -> List.of("sendrecv", "sendonly", "recvonly", "inactive").contains(a)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("Chromium's answer gives its ICE credentials, the DTLS fingerprint as active, and its audio and video sources with the FID group")
  void chromiumAnswer() {
    BrowserAnswer answer = BrowserAnswer.parse(resource("chromium-answer.sdp"), "peer-a");

    assertThat(answer.transport().ufrag()).isEqualTo("9DpV");
    assertThat(answer.transport().pwd()).isEqualTo("HNzYqASGUcgijKxiZ2WAOgJw");
    assertThat(answer.transport().rtcpMux()).isTrue();
    assertThat(answer.transport().fingerprints()).containsExactly(new IceTransport.Fingerprint("sha-256",
        "8C:A0:F3:61:D1:C8:B9:90:88:B7:DC:D0:6C:92:C4:3A:1E:2A:84:29:18:30:32:E1:AD:36:35:3A:D9:8A:7E:0A", "active"));
    assertThat(answer.transport().candidates()).isEmpty();
    String stream = "bb02ed60-2223-47a2-95cb-a95a6cab2f0f ";
    assertThat(answer.sources()).containsExactly(
        new MediaSource("audio", "peer-a-a0",
            List.of(new MediaSource.Source(1963096130L, "peer-a-a0", stream + "824e5099-c1af-4bf3-a5c9-daae3c2e0d3a")),
            List.of()),
        new MediaSource("video", "peer-a-v0",
            List.of(new MediaSource.Source(3797419067L, "peer-a-v0", stream + "19e754b9-77d2-4b83-8743-b213ede38b49"),
                new MediaSource.Source(2038298657L, "peer-a-v0", stream + "19e754b9-77d2-4b83-8743-b213ede38b49")),
            List.of(new MediaSource.SsrcGroup("FID", List.of(3797419067L, 2038298657L)))));
  }

  @Test
  @DisplayName("candidates in the answer (Chromium's form, with its extensions) are read; the offer's candidate lines read back the same")
  void candidates() {
    String withCandidate = resource("chromium-answer.sdp").replaceFirst("a=mid:0\r\n",
        "a=mid:0\r\na=candidate:2999745851 1 udp 2122260223 127.0.0.1 41234 typ host generation 0 network-id 1\r\n");

    assertThat(BrowserAnswer.parse(withCandidate, "p").transport().candidates()).containsExactly(
        new IceTransport.Candidate("2999745851", 1, "udp", 2122260223L, "127.0.0.1", 41234, "host", null, 0, 0));
    for (IceTransport.Candidate c : BRIDGE.candidates()) {
      assertThat(SdpCandidates.parse(SdpCandidates.format(c))).isEqualTo(c);
    }
  }

  @Test
  @DisplayName("an answer without a fingerprint, with setup actpass, or with a non-numeric SSRC is refused with the reason")
  void malformedAnswers() {
    String good = resource("chromium-answer.sdp");
    assertThatThrownBy(() -> BrowserAnswer.parse(good.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a=fingerprint");
    assertThatThrownBy(() -> BrowserAnswer.parse(good.replace("a=setup:active", "a=setup:actpass"), "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a=setup");
    assertThatThrownBy(() -> BrowserAnswer.parse(good.replace("a=ssrc:1963096130 ", "a=ssrc:x196 "), "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSRC");
    assertThatThrownBy(() -> BrowserAnswer.parse("v=0\r\ns=-\r\n", "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no accepted m-section");
  }

  private static String resource(String name) {
    try (InputStream in = SdpMappingTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
