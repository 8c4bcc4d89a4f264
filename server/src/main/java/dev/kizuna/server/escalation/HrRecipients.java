package dev.kizuna.server.escalation;

import dev.kizuna.server.user.User;
import java.util.List;

/**
 * Which HR users an escalation goes to: those whose organisation unit covers the member's (the same
 * unit, a parent such as {@code Engineering} for {@code Engineering/Platform}, or no unit: the whole
 * organisation). When none covers it, every HR user, so that no escalation goes unseen.
 */
public final class HrRecipients {

  private HrRecipients() {}

  /** The designated recipients among {@code hrUsers} for a member of {@code memberUnit}. */
  public static List<User> select(List<User> hrUsers, String memberUnit) {
    List<User> covering = hrUsers.stream().filter(hr -> covers(hr.unit(), memberUnit)).toList();
    return covering.isEmpty() ? hrUsers : covering;
  }

  private static boolean covers(String hrUnit, String memberUnit) {
    return hrUnit.isEmpty() || memberUnit.equals(hrUnit) || memberUnit.startsWith(hrUnit + "/");
  }
}
