package dev.kizuna.signaling.memo;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every memo socket. The HTTP server's {@code maxWebSocketMessageSize} (and
 * frame size) must be at least {@code maxMessageBytes}, else Vert.x closes the socket (1009)
 * before the engine can answer with an error.
 *
 * @param maxMessageBytes largest accepted binary message
 * @param messagesPerSecond sustained message rate per socket
 * @param burst messages a socket may send at once (a client announces all its documents on connect)
 * @param bytesPerSecond sustained inbound bytes per socket (bursts up to {@code maxMessageBytes})
 * @param maxDocumentsPerConnection documents one socket may sync at once
 * @param maxEphemeralBytes largest {@code data} of an ephemeral (presence) message
 * @param accessTtl how long a {@link DocumentAccess} answer is reused on one socket
 */
public record MemoLimits(int maxMessageBytes, int messagesPerSecond, int burst, long bytesPerSecond,
    int maxDocumentsPerConnection, int maxEphemeralBytes, Duration accessTtl) {

  /** 4 MiB messages, 100 messages/s with bursts of 300, 8 MiB/s, 256 documents, 64 KiB ephemeral, 30 s. */
  public static final MemoLimits DEFAULT =
      new MemoLimits(4 * 1024 * 1024, 100, 300, 8L * 1024 * 1024, 256, 64 * 1024, Duration.ofSeconds(30));

  public MemoLimits {
    Objects.requireNonNull(accessTtl, "accessTtl");
    if (maxMessageBytes <= 0 || messagesPerSecond <= 0 || burst < messagesPerSecond || bytesPerSecond <= 0
        || maxDocumentsPerConnection <= 0 || maxEphemeralBytes <= 0 || accessTtl.isNegative()) {
      throw new IllegalArgumentException("limits must be positive and burst >= messagesPerSecond");
    }
  }

  public MemoLimits withMaxMessageBytes(int bytes) {
    return new MemoLimits(bytes, messagesPerSecond, burst, bytesPerSecond, maxDocumentsPerConnection,
        maxEphemeralBytes, accessTtl);
  }

  public MemoLimits withRate(int perSecond, int burstSize) {
    return new MemoLimits(maxMessageBytes, perSecond, burstSize, bytesPerSecond, maxDocumentsPerConnection,
        maxEphemeralBytes, accessTtl);
  }
}
