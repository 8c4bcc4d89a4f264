package dev.kizuna.server.media.colibri2;

/** The bridge refused a colibri2 request, answered something unreadable, or did not answer in time. */
public final class Colibri2Exception extends RuntimeException {

  private final int status;

  /**
   * @param status the bridge's HTTP status, or 0 when there was no answer
   */
  public Colibri2Exception(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The bridge's HTTP status, or 0 when there was no (readable) answer. */
  public int status() {
    return status;
  }
}
