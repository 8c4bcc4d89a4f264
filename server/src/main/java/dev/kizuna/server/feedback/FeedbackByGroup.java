package dev.kizuna.server.feedback;

import dev.kizuna.server.analytics.CellComparison;
import dev.kizuna.server.analytics.GroupFeedback;
import dev.kizuna.server.analytics.MeetingSatisfaction;
import dev.kizuna.server.orgunit.Anonymity;
import dev.kizuna.server.orgunit.UnitGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Released feedback aggregates per organisation group, for the admin analytics. Pure computation:
 * run it on a worker.
 *
 * <p>The answers carry the manager, never the member, so a rating counts in the groups of the
 * manager's current unit. Every number pools at least {@link Threshold#MIN_MANAGERS} managers, and
 * {@link Anonymity#shown(Map, Predicate)} hides a parent group whose managers outside its shown
 * sub-groups would not pass on their own: no one manager's numbers can be read off the page or
 * recovered by subtraction.
 *
 * <p>Distinct members cannot be added up across managers or months (a member can rate two
 * managers, or the same one in two months), so a group's member count is the lower bound the
 * aggregates allow: the largest distinct-member count of any one manager and month in it.
 */
public final class FeedbackByGroup {

  /** Most strengths (and weaknesses) listed per group. */
  static final int TOP = 3;

  private FeedbackByGroup() {}

  /**
   * @param periods every manager's released months in the window
   * @param cells every manager's released cells (all time: cells carry no month)
   * @param unitOf each manager's organisation unit ({@code ""} or absent: none)
   */
  public static Map<UnitGroup, GroupFeedback> of(List<PeriodStats> periods, List<CellStats> cells,
      Map<String, String> unitOf) {
    Map<UnitGroup, MeetingSatisfaction> satisfaction = satisfaction(periods, unitOf);
    Map<UnitGroup, Map<Cell, Tally>> shownCells = shownCells(cells, unitOf);
    Map<UnitGroup, GroupFeedback> result = new HashMap<>();
    Set<UnitGroup> groups = new HashSet<>(satisfaction.keySet());
    groups.addAll(shownCells.keySet());
    for (UnitGroup group : groups) {
      List<CellComparison> compared = compare(group, shownCells);
      List<CellComparison> strengths = compared.stream().filter(c -> c.diff() > 0)
          .sorted(Comparator.comparingDouble(CellComparison::diff).reversed()).limit(TOP).toList();
      List<CellComparison> weaknesses = compared.stream().filter(c -> c.diff() < 0)
          .sorted(Comparator.comparingDouble(CellComparison::diff)).limit(TOP).toList();
      GroupFeedback feedback = new GroupFeedback(satisfaction.get(group), strengths, weaknesses);
      if (!feedback.isEmpty()) {
        result.put(group, feedback);
      }
    }
    return result;
  }

  /** Sum, answers and the members' lower bound of some managers' feedback. */
  private static final class Tally {
    long sum;
    long answers;
    long members;
    int managers;

    void add(long sum, long answers, long members) {
      this.sum += sum;
      this.answers += answers;
      this.members = Math.max(this.members, members);
    }

    double mean() {
      return (double) sum / answers;
    }
  }

  private static Map<UnitGroup, MeetingSatisfaction> satisfaction(List<PeriodStats> periods, Map<String, String> unitOf) {
    Map<String, Tally> byManager = new HashMap<>();
    for (PeriodStats p : periods) {
      byManager.computeIfAbsent(p.managerId(), m -> new Tally()).add(p.sum(), p.answers(), p.members());
    }
    Map<UnitGroup, Set<String>> managers = groupsOf(byManager.keySet(), unitOf);
    Predicate<Set<String>> passes = some -> {
      Tally t = total(some, byManager);
      return some.size() >= Threshold.MIN_MANAGERS && Threshold.passes(t.answers, t.members);
    };
    Map<UnitGroup, MeetingSatisfaction> shown = new HashMap<>();
    for (UnitGroup group : Anonymity.shown(managers, passes)) {
      Tally t = total(managers.get(group), byManager);
      shown.put(group, new MeetingSatisfaction(t.answers, round(t.mean())));
    }
    return shown;
  }

  /**
   * Per group, the cells shown: pooled over the group's managers whose own cell passes
   * {@link Threshold}, at least {@link Threshold#MIN_MANAGERS} of them, within and outside the
   * group's shown sub-groups.
   */
  private static Map<UnitGroup, Map<Cell, Tally>> shownCells(List<CellStats> cells, Map<String, String> unitOf) {
    Map<Cell, Map<String, CellStats>> visible = new HashMap<>();
    for (CellStats s : cells) {
      if (s.visible()) {
        visible.computeIfAbsent(s.cell(), c -> new HashMap<>()).put(s.managerId(), s);
      }
    }
    Map<UnitGroup, Map<Cell, Tally>> shown = new HashMap<>();
    visible.forEach((cell, byManager) -> {
      Map<UnitGroup, Set<String>> managers = groupsOf(byManager.keySet(), unitOf);
      for (UnitGroup group : Anonymity.shown(managers, some -> some.size() >= Threshold.MIN_MANAGERS)) {
        Tally t = new Tally();
        for (String managerId : managers.get(group)) {
          CellStats s = byManager.get(managerId);
          t.add(s.sum(), s.answers(), s.members());
          t.managers++;
        }
        shown.computeIfAbsent(group, g -> new HashMap<>()).put(cell, t);
      }
    });
    return shown;
  }

  /**
   * The group's shown cells against a baseline that is itself shown: the organisation's mean of
   * the same cell (all managers together); for the organisation, its mean over all its shown cells.
   */
  private static List<CellComparison> compare(UnitGroup group, Map<UnitGroup, Map<Cell, Tally>> shownCells) {
    Map<Cell, Tally> own = shownCells.getOrDefault(group, Map.of());
    Map<Cell, Tally> organisation = shownCells.getOrDefault(UnitGroup.ORGANISATION, Map.of());
    Tally overall = new Tally();
    organisation.values().forEach(t -> overall.add(t.sum, t.answers, t.members));
    List<CellComparison> compared = new ArrayList<>();
    own.forEach((cell, t) -> {
      Tally base = group.equals(UnitGroup.ORGANISATION) ? overall : organisation.get(cell);
      if (base != null && base.answers > 0) {
        compared.add(new CellComparison(cell.topic(), cell.expectation(), round(t.mean()), round(base.mean()),
            round(t.mean() - base.mean()), t.answers, t.managers));
      }
    });
    return compared;
  }

  private static Map<UnitGroup, Set<String>> groupsOf(Set<String> managerIds, Map<String, String> unitOf) {
    Map<UnitGroup, Set<String>> groups = new HashMap<>();
    for (String managerId : managerIds) {
      for (UnitGroup group : UnitGroup.of(unitOf.getOrDefault(managerId, ""))) {
        groups.computeIfAbsent(group, g -> new HashSet<>()).add(managerId);
      }
    }
    return groups;
  }

  private static Tally total(Set<String> managerIds, Map<String, Tally> byManager) {
    Tally total = new Tally();
    for (String managerId : managerIds) {
      Tally t = byManager.get(managerId);
      total.add(t.sum, t.answers, t.members);
    }
    return total;
  }

  /** Two decimals, as the manager's insights. */
  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
