package dev.kizuna.signaling;

/**
 * Limits applied to every room socket.
 *
 * @param maxMessageBytes largest accepted text message, in UTF-8 bytes (an SDP offer with
 *     simulcast is about 10 KB)
 * @param messagesPerSecond sustained message rate per socket
 * @param burst messages a socket may send at once (ICE candidates arrive in bursts)
 */
public record RoomLimits(int maxMessageBytes, int messagesPerSecond, int burst) {

  /** 64 KiB messages, 50 messages/s, bursts of 100. */
  public static final RoomLimits DEFAULT = new RoomLimits(64 * 1024, 50, 100);

  public RoomLimits {
    if (maxMessageBytes <= 0 || messagesPerSecond <= 0 || burst < messagesPerSecond) {
      throw new IllegalArgumentException("limits must be positive and burst >= messagesPerSecond");
    }
  }
}
