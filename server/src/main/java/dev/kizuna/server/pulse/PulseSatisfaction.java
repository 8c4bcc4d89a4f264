package dev.kizuna.server.pulse;

import dev.kizuna.server.analytics.Satisfaction;
import dev.kizuna.server.analytics.SatisfactionSource;
import dev.kizuna.server.web.BoundedWorker;
import dev.kizuna.server.orgunit.UnitGroup;
import io.vertx.core.Future;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Satisfaction from the monthly pulse: growth feeling, condition and relationship stage. */
public final class PulseSatisfaction implements SatisfactionSource {

  private final PulseRepository pulses;
  private final BoundedWorker worker;

  public PulseSatisfaction(PulseRepository pulses, BoundedWorker worker) {
    this.pulses = pulses;
    this.worker = worker;
  }

  @Override
  public Future<Map<UnitGroup, Satisfaction>> between(YearMonth from, YearMonth to) {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    return pulses.responses(months).compose(responses -> worker.run(() -> PulseAggregator.satisfaction(responses)));
  }
}
