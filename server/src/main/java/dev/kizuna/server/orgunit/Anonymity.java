package dev.kizuna.server.orgunit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which groups' aggregates may be shown without exposing anyone: a group needs answers from at
 * least {@link #MIN_ANSWERERS} distinct people, and, so that no small group can be recovered by
 * subtracting shown groups from their parent (complementary disclosure), a parent is shown only
 * when the answers it holds outside its shown sub-groups are none or at least
 * {@link #MIN_ANSWERERS}. Computed from the exact units upwards; a hidden group's shown
 * sub-groups still count as shown for its parent.
 */
public final class Anonymity {

  /** Fewest distinct answerers a shown aggregate holds (the same rule as the meeting feedback). */
  public static final int MIN_ANSWERERS = 3;

  /** Sub-groups are decided before their parents. */
  private static final UnitGroup.Level[] BOTTOM_UP = {UnitGroup.Level.UNIT, UnitGroup.Level.TOP,
      UnitGroup.Level.ORGANISATION};

  private Anonymity() {}

  /**
   * @param answerers distinct answerers per group (every group of every answerer, see {@link UnitGroup#of})
   * @return the groups whose aggregates may be shown
   */
  public static Set<UnitGroup> shown(Map<UnitGroup, Integer> answerers) {
    Map<UnitGroup, Integer> coveredByShownChildren = new HashMap<>();
    Set<UnitGroup> shown = new HashSet<>();
    for (UnitGroup.Level level : BOTTOM_UP) {
      for (Map.Entry<UnitGroup, Integer> entry : answerers.entrySet()) {
        UnitGroup group = entry.getKey();
        if (group.level() != level) {
          continue;
        }
        int count = entry.getValue();
        int covered = coveredByShownChildren.getOrDefault(group, 0);
        int remainder = count - covered;
        boolean show = count >= MIN_ANSWERERS && (remainder == 0 || remainder >= MIN_ANSWERERS);
        if (show) {
          shown.add(group);
        }
        if (group.parent() != null) {
          coveredByShownChildren.merge(group.parent(), show ? count : covered, Integer::sum);
        }
      }
    }
    return shown;
  }

  /**
   * The same rule for aggregates whose contributors are known by key (e.g. the managers whose
   * feedback a group's numbers pool) and whose threshold is more than a head count: a group is
   * shown when {@code passes} holds for its contributors, and for the contributors it holds
   * outside its shown sub-groups unless there are none. Contributors must sit in one chain of
   * groups each (every group of one unit, see {@link UnitGroup#of}).
   *
   * @param contributors contributors per group
   * @param passes whether a set of contributors may be shown (e.g. enough answers, members, managers)
   * @return the groups whose aggregates may be shown
   */
  public static <K> Set<UnitGroup> shown(Map<UnitGroup, Set<K>> contributors, Predicate<Set<K>> passes) {
    Map<UnitGroup, Set<K>> coveredByShownChildren = new HashMap<>();
    Set<UnitGroup> shown = new HashSet<>();
    for (UnitGroup.Level level : BOTTOM_UP) {
      for (Map.Entry<UnitGroup, Set<K>> entry : contributors.entrySet()) {
        UnitGroup group = entry.getKey();
        if (group.level() != level) {
          continue;
        }
        Set<K> all = entry.getValue();
        Set<K> covered = coveredByShownChildren.getOrDefault(group, Set.of());
        Set<K> remainder = new HashSet<>(all);
        remainder.removeAll(covered);
        boolean show = passes.test(all) && (remainder.isEmpty() || passes.test(remainder));
        if (show) {
          shown.add(group);
        }
        if (group.parent() != null) {
          coveredByShownChildren.computeIfAbsent(group.parent(), p -> new HashSet<>()).addAll(show ? all : covered);
        }
      }
    }
    return shown;
  }
}
