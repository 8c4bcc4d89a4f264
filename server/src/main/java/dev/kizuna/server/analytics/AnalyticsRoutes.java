package dev.kizuna.server.analytics;

import dev.kizuna.server.web.BoundedWorker;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /api/admin/analytics?from=&to=} (ADMIN): 1on1 activity, pulse and meeting satisfaction,
 * and managers' strengths and weaknesses in aggregate, per organisation group.
 */
public final class AnalyticsRoutes {

  /** Longest window, in days. */
  public static final int MAX_DAYS = 366;
  /** Window when none is given: the last 90 days up to today (UTC). */
  public static final int DEFAULT_DAYS = 90;

  private final MeetingActivity activity;
  private final SatisfactionSource satisfaction;
  private final MeetingFeedbackSource feedback;
  private final BoundedWorker worker;
  private final Clock clock;

  public AnalyticsRoutes(MeetingActivity activity, SatisfactionSource satisfaction, MeetingFeedbackSource feedback,
      BoundedWorker worker, Clock clock) {
    this.activity = activity;
    this.satisfaction = satisfaction;
    this.feedback = feedback;
    this.worker = worker;
    this.clock = clock;
  }

  /** The report of the days {@code from}..{@code to} (inclusive, UTC); see {@link AnalyticsReport#build}. */
  public void report(RoutingContext ctx) {
    LocalDate from;
    LocalDate to;
    try {
      to = Responses.queryParam(ctx, "to").map(LocalDate::parse).orElseGet(() -> LocalDate.now(clock.withZone(ZoneOffset.UTC)));
      from = Responses.queryParam(ctx, "from").map(LocalDate::parse).orElse(to.minusDays(DEFAULT_DAYS - 1));
    } catch (DateTimeParseException e) {
      ctx.fail(HttpProblem.badRequest("from and to are dates such as 2026-12-01"));
      return;
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days < 1 || days > MAX_DAYS) {
      ctx.fail(HttpProblem.badRequest("from must not be after to, and the window is at most " + MAX_DAYS + " days"));
      return;
    }
    YearMonth firstMonth = YearMonth.from(from);
    YearMonth lastMonth = YearMonth.from(to);
    Future<JsonObject> report = activity.held(from.atStartOfDay().toInstant(ZoneOffset.UTC),
            to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
        .compose(held -> satisfaction.between(firstMonth, lastMonth)
            .compose(scores -> feedback.between(firstMonth, lastMonth)
                .compose(ratings -> worker.run(() -> AnalyticsReport.build(from, to, held, scores, ratings)))));
    Responses.ok(ctx, () -> report);
  }
}
