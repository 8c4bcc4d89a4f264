package dev.kizuna.server.demo;

import dev.kizuna.server.auth.PasswordHasher;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingRoutes;
import dev.kizuna.server.meeting.MeetingStatus;
import dev.kizuna.server.pair.Pair;
import dev.kizuna.server.pair.PairKind;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.pair.PairRoutes;
import dev.kizuna.server.user.Role;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.user.UserRoutes;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * {@code --demo}: makes sure a manager, a member, their pair and a planned meeting exist, so a
 * newcomer can open two browser windows and hold a 1on1 at once. Safe to run on every start:
 * it reuses what exists and resets the two demo passwords to {@code password}.
 */
public final class DemoSeeder {

  /** The demo manager's e-mail. */
  public static final String MANAGER_EMAIL = "manager@demo.kizuna.dev";
  /** The demo member's e-mail. */
  public static final String MEMBER_EMAIL = "member@demo.kizuna.dev";
  /** Organisation units of the demo accounts, so the analytics and pulse pages have a unit to show. */
  static final String MANAGER_UNIT = "Sales";
  static final String MEMBER_UNIT = "Sales/East";

  private final UserRepository users;
  private final UserRoutes registrar;
  private final PasswordHasher hasher;
  private final PairRepository pairs;
  private final MeetingRepository meetings;

  public DemoSeeder(UserRepository users, UserRoutes registrar, PasswordHasher hasher, PairRepository pairs,
      MeetingRepository meetings) {
    this.users = users;
    this.registrar = registrar;
    this.hasher = hasher;
    this.pairs = pairs;
    this.meetings = meetings;
  }

  /** Seeds; completes with the pair once everything is stored. */
  public Future<Pair> seed(String password) {
    return account(MANAGER_EMAIL, "Aiko Tanaka", Role.MANAGER, MANAGER_UNIT, password)
        .compose(manager -> account(MEMBER_EMAIL, "Ben Carter", Role.MEMBER, MEMBER_UNIT, password)
            .compose(member -> pairs.find(manager.id(), member.id())
                .compose(found -> found.map(Future::succeededFuture)
                    .orElseGet(() -> pairs.insert(PairRoutes.create(manager, member, PairKind.LINE))))))
        .compose(pair -> ensureOpenMeeting(pair).map(pair));
  }

  private Future<User> account(String email, String name, Role role, String unit, String password) {
    return users.findByEmail(email).compose(existing -> existing
        .map(user -> hasher.hash(password).compose(hash -> users.updatePasswordHash(user.id(), hash)).map(user))
        .orElseGet(() -> registrar.register(email, name, password, "en", Set.of(role), unit)));
  }

  private Future<Void> ensureOpenMeeting(Pair pair) {
    return meetings.forUser(pair.memberId()).compose(list -> {
      boolean open = list.stream().anyMatch(m -> m.pairId().equals(pair.id()) && m.status() != MeetingStatus.ENDED);
      if (open) {
        return Future.succeededFuture();
      }
      Instant soon = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
      return meetings.insert(MeetingRoutes.plan(pair, soon, 30)).mapEmpty();
    });
  }
}
