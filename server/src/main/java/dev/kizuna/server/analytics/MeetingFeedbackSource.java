package dev.kizuna.server.analytics;

import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.Future;
import java.time.YearMonth;
import java.util.Map;

/**
 * Where the analytics page's meeting satisfaction and the managers' strengths and weaknesses in
 * aggregate come from: the members' per-meeting feedback ratings. Unlike {@link SatisfactionSource}
 * (the pulse's growth, condition and stage), these are 1-5 ratings of meetings, grouped by the
 * manager's organisation unit.
 */
public interface MeetingFeedbackSource {

  /**
   * Per organisation group: the meeting satisfaction of the calendar months {@code from}..{@code to}
   * (inclusive) and the strengths and weaknesses of the group's managers together. Groups with
   * nothing the disclosure rules let through are absent.
   */
  Future<Map<UnitGroup, GroupFeedback>> between(YearMonth from, YearMonth to);
}
