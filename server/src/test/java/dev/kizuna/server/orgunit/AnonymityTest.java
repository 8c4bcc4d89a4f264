package dev.kizuna.server.orgunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The anonymity rule on answerer counts, from the units people belong to. */
class AnonymityTest {

  /** Counts per group of people in {@code units} (one entry per person). */
  private static Map<UnitGroup, Integer> counts(List<String> units) {
    Map<UnitGroup, Integer> counts = new HashMap<>();
    units.forEach(unit -> UnitGroup.of(unit).forEach(g -> counts.merge(g, 1, Integer::sum)));
    return counts;
  }

  private static UnitGroup top(String path) {
    return new UnitGroup(UnitGroup.Level.TOP, path);
  }

  private static UnitGroup unit(String path) {
    return new UnitGroup(UnitGroup.Level.UNIT, path);
  }

  @Test
  @DisplayName("a person counts in the organisation, their top-level unit and, below the top level, their exact unit")
  void groupsOfAPerson() {
    assertThat(UnitGroup.of("")).containsExactly(UnitGroup.ORGANISATION);
    assertThat(UnitGroup.of("Sales")).containsExactly(UnitGroup.ORGANISATION, top("Sales"));
    assertThat(UnitGroup.of("Sales/East/Tokyo")).containsExactly(UnitGroup.ORGANISATION, top("Sales"),
        unit("Sales/East/Tokyo"));
    assertThat(unit("Sales/East/Tokyo").parent()).isEqualTo(top("Sales"));
  }

  @Test
  @DisplayName("groups under three answerers are hidden, and so is a parent whose rest outside its shown groups is one or two")
  void smallGroupsAndTheirComplementsAreHidden() {
    assertThat(Anonymity.shown(counts(List.of("Sales/East", "Sales/East")))).isEmpty();
    assertThat(Anonymity.shown(counts(List.of("Sales/East", "Sales/East", "Sales/East"))))
        .as("the rest is empty everywhere").containsExactlyInAnyOrder(UnitGroup.ORGANISATION, top("Sales"), unit("Sales/East"));
    assertThat(Anonymity.shown(counts(List.of("Sales/East", "Sales/East", "Sales/East", "Sales"))))
        .as("Sales minus Sales/East would be the one person in Sales itself")
        .containsExactly(unit("Sales/East"));
    assertThat(Anonymity.shown(counts(List.of("Sales/East", "Sales/East", "Sales/East", "Sales", "Sales", "Sales"))))
        .containsExactlyInAnyOrder(UnitGroup.ORGANISATION, top("Sales"), unit("Sales/East"));
  }

  @Test
  @DisplayName("the shown units inside a hidden top-level unit still count as shown for the organisation")
  void hiddenParentsPassTheirShownUnitsUp() {
    // Sales: East 3 shown, Sales itself 1 -> Sales hidden. Engineering 4 shown. Without unit: 2.
    // Organisation 10, shown below it 3 + 4 = 7, rest 3 (Sales's 1 + the 2 without unit): shown.
    Set<UnitGroup> shown = Anonymity.shown(counts(List.of("Sales/East", "Sales/East", "Sales/East", "Sales",
        "Engineering", "Engineering", "Engineering", "Engineering", "", "")));
    assertThat(shown).containsExactlyInAnyOrder(UnitGroup.ORGANISATION, unit("Sales/East"), top("Engineering"));
    // One person fewer without unit: the organisation's rest is 2 -> hidden.
    assertThat(Anonymity.shown(counts(List.of("Sales/East", "Sales/East", "Sales/East", "Sales",
        "Engineering", "Engineering", "Engineering", "Engineering", "")))).doesNotContain(UnitGroup.ORGANISATION);
  }
}
