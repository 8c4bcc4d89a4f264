package dev.kizuna.server.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.analytics.GroupFeedback;
import dev.kizuna.server.orgunit.UnitGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The disclosure rules of the admin analytics' feedback on aggregates the API cannot produce in one test run. */
class FeedbackByGroupTest {

  private static final UnitGroup EAST = new UnitGroup(UnitGroup.Level.UNIT, "Sales/East");
  private static final Cell WORK_LISTEN = new Cell(Topic.WORK, Expectation.LISTEN);

  @Test
  @DisplayName("members are never added up across managers or months: two managers with one member a month each stay hidden")
  void membersAreALowerBound() {
    Map<String, String> units = Map.of("a", "Sales/East", "b", "Sales/East");
    List<PeriodStats> oneMemberEach = List.of(new PeriodStats("a", "2026-10", 12, 3, 1),
        new PeriodStats("a", "2026-11", 8, 2, 1), new PeriodStats("b", "2026-11", 12, 3, 1));
    assertThat(FeedbackByGroup.of(oneMemberEach, List.of(), units)).isEmpty();

    List<PeriodStats> twoInOneMonth = List.of(new PeriodStats("a", "2026-10", 12, 3, 1),
        new PeriodStats("b", "2026-11", 9, 3, 2));
    Map<UnitGroup, GroupFeedback> shown = FeedbackByGroup.of(twoInOneMonth, List.of(), units);
    assertThat(shown.keySet()).containsExactlyInAnyOrder(EAST, new UnitGroup(UnitGroup.Level.TOP, "Sales"),
        UnitGroup.ORGANISATION);
    assertThat(shown.get(EAST).satisfaction().answers()).isEqualTo(6);
    assertThat(shown.get(EAST).satisfaction().mean()).isEqualTo(3.5);
  }

  @Test
  @DisplayName("a cell is compared only with a baseline that is itself shown: no all-managers mean that hides a lone manager")
  void baselineIsShownItself() {
    Map<String, String> units = Map.of("a", "Sales/East", "b", "Sales/East", "c", "Sales/West");
    List<CellStats> cells = List.of(new CellStats("a", "Sales", WORK_LISTEN, 15, 3, 2),
        new CellStats("b", "Sales", WORK_LISTEN, 12, 3, 2), new CellStats("c", "Sales", WORK_LISTEN, 3, 3, 3));
    // Sales/East shows the cell, but Sales and the organisation (minus Sales/East: c alone) do not.
    assertThat(FeedbackByGroup.of(List.of(), cells, units)).isEmpty();

    Map<String, String> withD = Map.of("a", "Sales/East", "b", "Sales/East", "c", "Sales/West", "d", "");
    List<CellStats> more = new java.util.ArrayList<>(cells);
    more.add(new CellStats("d", "", WORK_LISTEN, 6, 3, 2));
    GroupFeedback east = FeedbackByGroup.of(List.of(), more, withD).get(EAST);
    assertThat(east.strengths()).hasSize(1);
    assertThat(east.strengths().get(0).mean()).isEqualTo(4.5);
    assertThat(east.strengths().get(0).baseline()).isEqualTo(3.0);
    assertThat(east.strengths().get(0).managers()).isEqualTo(2);
    assertThat(east.weaknesses()).isEmpty();
  }
}
