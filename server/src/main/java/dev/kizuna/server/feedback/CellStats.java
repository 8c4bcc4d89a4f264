package dev.kizuna.server.feedback;

/**
 * Released feedback of one manager in one cell.
 *
 * @param org the top-level organisation unit of the manager at the last release ({@code ""}: none)
 * @param sum sum of the ratings
 * @param answers number of answers
 * @param members different members who gave them
 */
public record CellStats(String managerId, String org, Cell cell, long sum, long answers, long members) {

  /** Whether this cell may be shown and may count in averages. */
  public boolean visible() {
    return Threshold.passes(answers, members);
  }

  public double mean() {
    return (double) sum / answers;
  }
}
