package dev.kizuna.signaling;

/** WebSocket close codes of the room and memo sockets (docs/PROTOCOL.md). */
public final class CloseCodes {

  /** A protocol error that cannot be recovered from (memo socket: no common protocol version). */
  public static final short PROTOCOL = 4400;
  /** No valid session or token. */
  public static final short UNAUTHENTICATED = 4401;
  /** The caller is not the meeting's member or manager. */
  public static final short FORBIDDEN = 4403;
  /** No such meeting. */
  public static final short NOT_FOUND = 4404;
  /**
   * The same participant connected again; this older socket is replaced (memo socket: a new
   * connection of the same user joined with the same peer id).
   */
  public static final short REPLACED = 4409;
  /** The meeting has ended. */
  public static final short ENDED = 4410;
  /** The client did not read what the server sent fast enough (memo socket). */
  public static final short TOO_SLOW = 4429;

  private CloseCodes() {}
}
