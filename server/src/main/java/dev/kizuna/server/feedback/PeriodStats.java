package dev.kizuna.server.feedback;

/**
 * Released feedback of one manager in one month, all cells together.
 *
 * @param period {@code YYYY-MM}
 */
public record PeriodStats(String managerId, String period, long sum, long answers, long members) {

  public boolean visible() {
    return Threshold.passes(answers, members);
  }

  public double mean() {
    return (double) sum / answers;
  }
}
