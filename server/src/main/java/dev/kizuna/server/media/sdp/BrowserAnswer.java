package dev.kizuna.server.media.sdp;

import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.MediaSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A browser's SDP answer to a {@link BridgeOffer}, read back into colibri2 terms: its transport
 * (ICE ufrag/pwd and candidates of the BUNDLE transport, the DTLS fingerprint with its setup role)
 * and the sources it sends (SSRCs, FID groups and msids of its sending m-sections), named by
 * Jitsi's convention {@code <endpointId>-a<n>} / {@code <endpointId>-v<n>}.
 *
 * @param transport the browser's side of the transport
 * @param sources what the browser sends, audio before video
 */
public record BrowserAnswer(IceTransport transport, List<MediaSource> sources) {

  /** More sending m-sections than a browser in a 1on1 room has any reason to answer with. */
  static final int MAX_SOURCES = 8;

  private static final long MAX_SSRC = 0xFFFF_FFFFL;

  /** One m-section's attributes as read. */
  private static final class Section {
    final String kind;
    boolean rejected;
    String direction = "sendrecv";
    String ufrag;
    String pwd;
    String setup;
    String msid;
    final List<IceTransport.Fingerprint> fingerprints = new ArrayList<>();
    final List<IceTransport.Candidate> candidates = new ArrayList<>();
    final Map<Long, String> ssrcMsid = new LinkedHashMap<>();
    final List<MediaSource.SsrcGroup> groups = new ArrayList<>();

    Section(String kind) {
      this.kind = kind;
    }

    boolean sends() {
      return !rejected && (direction.equals("sendrecv") || direction.equals("sendonly")) && !ssrcMsid.isEmpty();
    }
  }

  /**
   * Reads {@code sdp}, an answer in the form Chromium's {@code createAnswer} produces (after ICE
   * gathering, so that it carries candidates).
   *
   * @param endpointId the browser's bridge endpoint, for the source names
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static BrowserAnswer parse(String sdp, String endpointId) {
    Section session = new Section("session");
    List<Section> sections = new ArrayList<>();
    Section current = session;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new IllegalArgumentException("the SDP answer has a malformed line: " + excerpt(line));
      }
      if (line.startsWith("m=")) {
        String[] f = line.substring(2).split(" ");
        current = new Section(f[0]);
        current.rejected = f.length > 1 && f[1].equals("0");
        sections.add(current);
      } else if (line.startsWith("a=")) {
        attribute(current, line.substring(2));
      }
    }
    Section bundle = sections.stream().filter(s -> !s.rejected).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the SDP answer has no accepted m-section"));
    String ufrag = first(bundle.ufrag, session.ufrag, "a=ice-ufrag");
    String pwd = first(bundle.pwd, session.pwd, "a=ice-pwd");
    List<IceTransport.Fingerprint> fingerprints = bundle.fingerprints.isEmpty() ? session.fingerprints : bundle.fingerprints;
    if (fingerprints.isEmpty()) {
      throw new IllegalArgumentException("the SDP answer lacks a=fingerprint");
    }
    String setup = bundle.setup != null ? bundle.setup : session.setup;
    if (!"active".equals(setup) && !"passive".equals(setup)) {
      throw new IllegalArgumentException("the SDP answer needs a=setup:active or passive, got " + setup);
    }
    List<IceTransport.Fingerprint> withSetup = fingerprints.stream()
        .map(f -> new IceTransport.Fingerprint(f.hash(), f.fingerprint(), setup)).toList();
    IceTransport transport = new IceTransport(ufrag, pwd, true, withSetup, bundle.candidates);
    return new BrowserAnswer(transport, sources(sections, endpointId));
  }

  private static List<MediaSource> sources(List<Section> sections, String endpointId) {
    List<MediaSource> audio = new ArrayList<>();
    List<MediaSource> video = new ArrayList<>();
    for (Section s : sections) {
      if (!s.sends()) {
        continue;
      }
      List<MediaSource> list = s.kind.equals("audio") ? audio : s.kind.equals("video") ? video : null;
      if (list == null) {
        continue;
      }
      String name = endpointId + "-" + s.kind.charAt(0) + list.size();
      List<MediaSource.Source> ssrcs = new ArrayList<>();
      s.ssrcMsid.forEach((ssrc, msid) -> ssrcs.add(new MediaSource.Source(ssrc, name, msid != null ? msid : s.msid)));
      list.add(new MediaSource(s.kind, name, ssrcs, s.groups));
    }
    List<MediaSource> all = new ArrayList<>(audio);
    all.addAll(video);
    if (all.size() > MAX_SOURCES) {
      throw new IllegalArgumentException("the SDP answer sends more than " + MAX_SOURCES + " tracks");
    }
    return all;
  }

  private static void attribute(Section section, String attribute) {
    int colon = attribute.indexOf(':');
    String name = colon < 0 ? attribute : attribute.substring(0, colon);
    String value = colon < 0 ? "" : attribute.substring(colon + 1).trim();
    switch (name) {
      case "ice-ufrag" -> section.ufrag = value;
      case "ice-pwd" -> section.pwd = value;
      case "setup" -> section.setup = value;
      case "msid" -> section.msid = value;
      case "sendrecv", "sendonly", "recvonly", "inactive" -> section.direction = name;
      case "fingerprint" -> {
        String[] f = value.split(" ");
        if (f.length != 2) {
          throw new IllegalArgumentException("malformed a=fingerprint: " + excerpt(value));
        }
        section.fingerprints.add(new IceTransport.Fingerprint(f[0].toLowerCase(Locale.ROOT), f[1], null));
      }
      case "candidate" -> section.candidates.add(SdpCandidates.parse(attribute));
      case "ssrc" -> {
        int space = value.indexOf(' ');
        long ssrc = ssrc(space < 0 ? value : value.substring(0, space));
        String rest = space < 0 ? "" : value.substring(space + 1);
        String msid = rest.startsWith("msid:") ? rest.substring("msid:".length()) : null;
        if (msid != null || !section.ssrcMsid.containsKey(ssrc)) {
          section.ssrcMsid.put(ssrc, msid);
        }
      }
      case "ssrc-group" -> {
        String[] f = value.split(" ");
        List<Long> ssrcs = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
          ssrcs.add(ssrc(f[i]));
        }
        section.groups.add(new MediaSource.SsrcGroup(f[0], ssrcs));
      }
      default -> { }
    }
  }

  private static long ssrc(String text) {
    try {
      long ssrc = Long.parseLong(text);
      if (ssrc < 0 || ssrc > MAX_SSRC) {
        throw new IllegalArgumentException("an SSRC must be from 0 to 2^32-1, got " + excerpt(text));
      }
      return ssrc;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("an SSRC must be a number, got " + excerpt(text), e);
    }
  }

  private static String first(String value, String fallback, String what) {
    String result = value != null ? value : fallback;
    if (result == null || result.isEmpty()) {
      throw new IllegalArgumentException("the SDP answer lacks " + what);
    }
    return result;
  }

  private static String excerpt(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
