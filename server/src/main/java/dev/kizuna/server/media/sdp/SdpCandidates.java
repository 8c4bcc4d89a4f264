package dev.kizuna.server.media.sdp;

import dev.kizuna.server.media.colibri2.IceTransport.Candidate;
import java.util.Locale;

/** ICE candidate attributes (RFC 8839 section 5.1) to and from colibri2 candidates. */
final class SdpCandidates {

  private SdpCandidates() {}

  /** {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...}. */
  static String format(Candidate c) {
    StringBuilder text = new StringBuilder("candidate:")
        .append(c.foundation()).append(' ').append(c.component()).append(' ').append(c.protocol()).append(' ')
        .append(c.priority()).append(' ').append(c.ip()).append(' ').append(c.port()).append(" typ ").append(c.type());
    if (c.relAddr() != null) {
      text.append(" raddr ").append(c.relAddr()).append(" rport ").append(c.relPort());
    }
    return text.append(" generation ").append(c.generation()).toString();
  }

  /**
   * Parses the value of an {@code a=candidate} attribute (without {@code a=}).
   *
   * @throws IllegalArgumentException if it is not a candidate line
   */
  static Candidate parse(String value) {
    String[] f = value.substring("candidate:".length()).trim().split("\\s+");
    if (f.length < 8 || !"typ".equals(f[6])) {
      throw new IllegalArgumentException("not an ICE candidate: " + value);
    }
    try {
      String relAddr = null;
      int relPort = 0;
      int generation = 0;
      for (int i = 8; i + 1 < f.length; i += 2) {
        switch (f[i]) {
          case "raddr" -> relAddr = f[i + 1];
          case "rport" -> relPort = Integer.parseInt(f[i + 1]);
          case "generation" -> generation = Integer.parseInt(f[i + 1]);
          default -> { }
        }
      }
      return new Candidate(f[0], Integer.parseInt(f[1]), f[2].toLowerCase(Locale.ROOT), Long.parseLong(f[3]), f[4],
          Integer.parseInt(f[5]), f[7], relAddr, relPort, generation);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed ICE candidate: " + value, e);
    }
  }
}
