package dev.kizuna.server.orgunit;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A group of people that reports aggregate: the whole organisation, a top-level unit (every
 * unit path starting with that segment, e.g. {@code Engineering} holds {@code Engineering} and
 * {@code Engineering/Platform}) or one exact unit path of two or more segments. A person with
 * no unit counts in the organisation only. The three levels form a tree: exact unit, then its
 * top-level unit, then the organisation.
 *
 * @param level which of the three
 * @param path empty for the organisation, else the top-level segment or the exact path
 */
public record UnitGroup(Level level, String path) {

  /** The levels, widest first. */
  public enum Level {
    ORGANISATION,
    TOP,
    UNIT
  }

  /** The whole organisation. */
  public static final UnitGroup ORGANISATION = new UnitGroup(Level.ORGANISATION, "");

  /** The groups a person of organisation unit {@code unit} (slash-separated, empty when unset) counts in. */
  public static List<UnitGroup> of(String unit) {
    List<UnitGroup> groups = new ArrayList<>(3);
    groups.add(ORGANISATION);
    if (unit == null || unit.isEmpty()) {
      return groups;
    }
    groups.add(new UnitGroup(Level.TOP, topLevel(unit)));
    if (unit.indexOf('/') >= 0) {
      groups.add(new UnitGroup(Level.UNIT, unit));
    }
    return groups;
  }

  /** The first segment of a unit path: {@code Engineering} for {@code Engineering/Platform}; empty stays empty. */
  public static String topLevel(String unit) {
    int slash = unit.indexOf('/');
    return slash < 0 ? unit : unit.substring(0, slash);
  }

  /** The group this one is part of; the organisation has none ({@code null}). */
  public UnitGroup parent() {
    return switch (level) {
      case ORGANISATION -> null;
      case TOP -> ORGANISATION;
      case UNIT -> new UnitGroup(Level.TOP, topLevel(path));
    };
  }

  /** Report order: the organisation, then each top-level unit followed by its exact units, by name. */
  public static final Comparator<UnitGroup> REPORT_ORDER = Comparator
      .comparing((UnitGroup g) -> g.level() == Level.ORGANISATION ? "" : topLevel(g.path()))
      .thenComparing(UnitGroup::level)
      .thenComparing(UnitGroup::path);

  /** {@code {level, unit}}. */
  public JsonObject toJson() {
    return new JsonObject().put("level", level.name()).put("unit", path);
  }
}
