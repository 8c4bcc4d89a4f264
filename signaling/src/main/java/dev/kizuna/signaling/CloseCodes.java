package dev.kizuna.signaling;

/** WebSocket close codes of the room socket (docs/PROTOCOL.md). */
public final class CloseCodes {

  /** No valid session or token. */
  public static final short UNAUTHENTICATED = 4401;
  /** The caller is not the meeting's member or manager. */
  public static final short FORBIDDEN = 4403;
  /** No such meeting. */
  public static final short NOT_FOUND = 4404;
  /** The same participant connected again; this older socket is replaced. */
  public static final short REPLACED = 4409;
  /** The meeting has ended. */
  public static final short ENDED = 4410;

  private CloseCodes() {}
}
