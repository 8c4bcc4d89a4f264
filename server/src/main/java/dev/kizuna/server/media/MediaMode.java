package dev.kizuna.server.media;

import java.util.Locale;

/** How a room's media flows (configuration {@code KIZUNA_MEDIA_MODE}). */
public enum MediaMode {
  /** Browser to browser (WebRTC perfect negotiation); a room holds the pair only. */
  P2P,
  /** Always through Jitsi Videobridge, from the first participant on. */
  BRIDGE,
  /** Peer-to-peer until a third participant joins or a browser reports that P2P ICE failed. */
  AUTO;

  /**
   * Parses {@code p2p}, {@code bridge} or {@code auto} in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static MediaMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("KIZUNA_MEDIA_MODE must be p2p, bridge or auto, got '" + text + "'");
    }
  }
}
