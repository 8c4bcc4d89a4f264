package dev.kizuna.server.analytics;

import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.Future;
import java.time.YearMonth;
import java.util.Map;

/**
 * Where the analytics page's pulse satisfaction (growth feeling, condition, relationship stage)
 * comes from. The per-meeting feedback ratings have their own shape and source,
 * {@link MeetingFeedbackSource}.
 */
public interface SatisfactionSource {

  /**
   * Satisfaction per organisation group over the calendar months {@code from}..{@code to}
   * (inclusive); groups the anonymity rule hides are absent.
   */
  Future<Map<UnitGroup, Satisfaction>> between(YearMonth from, YearMonth to);
}
