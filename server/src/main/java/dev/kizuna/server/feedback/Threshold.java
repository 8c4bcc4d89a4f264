package dev.kizuna.server.feedback;

/**
 * When aggregated feedback may be shown: at least {@link #MIN_ANSWERS} answers from at least
 * {@link #MIN_MEMBERS} different members for one manager and cell (or period). The same bar holds
 * for other managers' cells before they count in an organisation's or all users' average.
 */
public final class Threshold {

  /** Fewest answers an aggregate needs. */
  public static final int MIN_ANSWERS = 3;
  /** Fewest different members an aggregate needs. */
  public static final int MIN_MEMBERS = 2;
  /**
   * Fewest managers an aggregate over managers needs (admin analytics): with one, a group's number
   * would be that manager's own, a per-manager rating.
   */
  public static final int MIN_MANAGERS = 2;
  /** The reason a hidden cell or period gives. */
  public static final String BELOW = "FEWER_THAN_3_ANSWERS_FROM_2_MEMBERS";

  private Threshold() {}

  /** Whether {@code answers} from {@code members} members may be shown. */
  public static boolean passes(long answers, long members) {
    return answers >= MIN_ANSWERS && members >= MIN_MEMBERS;
  }
}
