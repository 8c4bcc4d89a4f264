package dev.kizuna.server.analytics;

import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.Future;
import java.time.YearMonth;
import java.util.Map;

/**
 * Where the analytics page's satisfaction numbers come from. The monthly pulse is one source;
 * the per-meeting feedback ratings can become another by implementing this (an extension point;
 * nothing here reads the feedback collections).
 */
public interface SatisfactionSource {

  /**
   * Satisfaction per organisation group over the calendar months {@code from}..{@code to}
   * (inclusive); groups the anonymity rule hides are absent.
   */
  Future<Map<UnitGroup, Satisfaction>> between(YearMonth from, YearMonth to);
}
