package dev.kizuna.server.feedback;

import dev.kizuna.server.analytics.GroupFeedback;
import dev.kizuna.server.analytics.MeetingFeedbackSource;
import dev.kizuna.server.orgunit.UnitGroup;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.BoundedWorker;
import io.vertx.core.Future;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The admin analytics' meeting feedback, from the released aggregates ({@code feedback_periods},
 * {@code feedback_cells}) only, never from pending answers; grouped by {@link FeedbackByGroup} on a
 * worker.
 */
public final class FeedbackAnalytics implements MeetingFeedbackSource {

  private final FeedbackAggregates aggregates;
  private final UserRepository users;
  private final BoundedWorker worker;

  public FeedbackAnalytics(FeedbackAggregates aggregates, UserRepository users, BoundedWorker worker) {
    this.aggregates = aggregates;
    this.users = users;
    this.worker = worker;
  }

  /** Satisfaction over the months {@code from}..{@code to}; strengths and weaknesses over all released cells. */
  @Override
  public Future<Map<UnitGroup, GroupFeedback>> between(YearMonth from, YearMonth to) {
    return aggregates.periodsBetween(from, to).compose(periods -> aggregates.allCells().compose(cells -> {
      Set<String> managers = new HashSet<>();
      periods.forEach(p -> managers.add(p.managerId()));
      cells.forEach(c -> managers.add(c.managerId()));
      return users.unitsOf(managers).compose(units -> worker.run(() -> FeedbackByGroup.of(periods, cells, units)));
    }));
  }
}
