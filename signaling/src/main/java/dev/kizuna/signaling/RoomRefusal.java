package dev.kizuna.signaling;

/**
 * Fails a {@link RoomHooks#beforeJoin} future to refuse a join and close the socket with
 * {@code closeCode} (e.g. {@link CloseCodes#ENDED}).
 */
public final class RoomRefusal extends RuntimeException {

  private final short closeCode;

  public RoomRefusal(short closeCode, String reason) {
    super(reason, null, false, false);
    this.closeCode = closeCode;
  }

  /** The WebSocket close code to send. */
  public short closeCode() {
    return closeCode;
  }
}
