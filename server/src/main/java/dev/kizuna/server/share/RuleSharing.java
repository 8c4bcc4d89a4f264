package dev.kizuna.server.share;

import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.summary.SummaryAcceptListener;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Applies the pair's sharing rules when a summary is accepted: one invited-user share per rule's
 * recipient, made once per meeting however often the summary is accepted, and a notification for each.
 */
public final class RuleSharing implements SummaryAcceptListener {

  private final ShareRuleRepository rules;
  private final ShareService shares;
  private final UserRepository users;
  private final ShareNotices notices;

  public RuleSharing(ShareRuleRepository rules, ShareService shares, UserRepository users, ShareNotices notices) {
    this.rules = rules;
    this.shares = shares;
    this.users = users;
    this.notices = notices;
  }

  @Override
  public Future<Void> accepted(Meeting meeting, JsonObject summary) {
    return Future.all(users.findById(meeting.memberId()), rules.forPair(meeting.pairId())).compose(both -> {
      Optional<User> member = both.resultAt(0);
      java.util.List<ShareRule> list = both.resultAt(1);
      String locale = member.map(User::locale).orElse("en");
      return Future.all(list.stream().map(rule -> users.findById(rule.recipientId()).compose(recipient -> recipient.isEmpty()
          ? Future.succeededFuture()
          : shares.grant(meeting, rule.createdBy(), recipient.get(), rule.includeTranscript(), ShareSource.RULE, locale)
              .compose(made -> made.isEmpty() || member.isEmpty()
                  ? Future.succeededFuture()
                  : notices.shared(made.get(), meeting, member.get())))).toList());
    }).mapEmpty();
  }
}
