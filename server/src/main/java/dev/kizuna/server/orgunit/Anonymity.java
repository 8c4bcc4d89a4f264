package dev.kizuna.server.orgunit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

  private Anonymity() {}

  /**
   * @param answerers distinct answerers per group (every group of every answerer, see {@link UnitGroup#of})
   * @return the groups whose aggregates may be shown
   */
  public static Set<UnitGroup> shown(Map<UnitGroup, Integer> answerers) {
    Map<UnitGroup, Integer> coveredByShownChildren = new HashMap<>();
    Set<UnitGroup> shown = new HashSet<>();
    for (UnitGroup.Level level : new UnitGroup.Level[] {UnitGroup.Level.UNIT, UnitGroup.Level.TOP,
        UnitGroup.Level.ORGANISATION}) {
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
}
