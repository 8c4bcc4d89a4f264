package dev.kizuna.server.insights;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.feedback.FeedbackAggregates;
import dev.kizuna.server.feedback.FeedbackRelease;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.Responses;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/me/insights} for managers (the role check sits in front, in the router). */
public final class InsightsRoutes {

  private final FeedbackAggregates aggregates;

  public InsightsRoutes(FeedbackAggregates aggregates) {
    this.aggregates = aggregates;
  }

  /** The caller's {@link Insights}. */
  public void mine(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    Responses.ok(ctx, () -> aggregates.allCells().compose(all -> aggregates.periodsOf(me.id())
        .map(periods -> Insights.of(me.id(), FeedbackRelease.org(me), all, periods))));
  }
}
