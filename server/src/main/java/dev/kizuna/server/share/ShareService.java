package dev.kizuna.server.share;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.memo.MemoService;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sharing a meeting's memo with third parties: links with a token, invited users, revocation by
 * either party of the pair, what a reader sees, and the audit of every reading.
 */
public final class ShareService {

  /** A link lives this long unless the sharer says otherwise. */
  public static final int DEFAULT_LINK_DAYS = 7;
  /** The longest a share may live. */
  public static final int MAX_DAYS = 90;
  /** Most open shares one meeting may have. */
  public static final int MAX_OPEN_PER_MEETING = 50;

  private final ShareRepository shares;
  private final ShareAudit audit;
  private final MeetingRepository meetings;
  private final MemoService memos;
  private final TranscriptRepository transcripts;
  private final Clock clock;

  public ShareService(ShareRepository shares, ShareAudit audit, MeetingRepository meetings, MemoService memos,
      TranscriptRepository transcripts, Clock clock) {
    this.shares = shares;
    this.audit = audit;
    this.meetings = meetings;
    this.memos = memos;
    this.transcripts = transcripts;
    this.clock = clock;
  }

  /** A new link share and its token, which is shown once and never stored. */
  public record CreatedLink(Share share, String token) {}

  /**
   * Shares {@code meeting}'s memo as a link.
   *
   * @param days lifetime, 1 to {@link #MAX_DAYS}
   * @return fails with 422 when the meeting already has {@link #MAX_OPEN_PER_MEETING} open shares
   */
  public Future<CreatedLink> createLink(Meeting meeting, User sharer, int days, boolean includeTranscript) {
    String token = ShareTokens.next();
    Instant now = now();
    Share share = new Share(Ids.next(), meeting.id(), meeting.pairId(), ShareKind.LINK, ShareSource.MANUAL, sharer.id(),
        null, null, ShareTokens.sha256(token), includeTranscript, sharer.locale(), now, now.plus(Duration.ofDays(days)),
        null, null);
    return belowLimit(meeting).compose(v -> shares.insert(share)).map(s -> new CreatedLink(s, token));
  }

  /**
   * Shares {@code meeting}'s memo with {@code recipient}, who reads it logged in.
   *
   * @param days lifetime, or {@code null} for until revoked
   * @return fails with 422 when the recipient is one of the pair or the meeting has too many open shares
   */
  public Future<Share> invite(Meeting meeting, User sharer, User recipient, boolean includeTranscript, Integer days) {
    if (meeting.roleOf(recipient.id()).isPresent()) {
      return Future.failedFuture(HttpProblem.unprocessable("the pair sees its meetings already; invite a third party"));
    }
    Instant now = now();
    Share share = new Share(Ids.next(), meeting.id(), meeting.pairId(), ShareKind.USER, ShareSource.MANUAL, sharer.id(),
        recipient.id(), recipient.name(), null, includeTranscript, sharer.locale(), now,
        days == null ? null : now.plus(Duration.ofDays(days)), null, null);
    return belowLimit(meeting).compose(v -> shares.insert(share));
  }

  /**
   * Shares {@code meeting}'s memo with {@code recipient} on the pair's behalf (a rule or a handover), once:
   * the share's id is derived from meeting, recipient and source, so doing it again changes nothing.
   *
   * @return the share if it was made now, empty if it existed
   */
  public Future<Optional<Share>> grant(Meeting meeting, String grantedBy, User recipient, boolean includeTranscript,
      ShareSource source, String locale) {
    Share share = new Share(source.name().toLowerCase(Locale.ROOT) + "-" + meeting.id() + "-" + recipient.id(),
        meeting.id(), meeting.pairId(), ShareKind.USER, source, grantedBy, recipient.id(), recipient.name(), null,
        includeTranscript, locale, now(), null, null, null);
    return shares.insertIfAbsent(share).map(created -> created ? Optional.of(share) : Optional.empty());
  }

  private Future<Void> belowLimit(Meeting meeting) {
    Instant now = now();
    return shares.forMeeting(meeting.id()).compose(list -> list.stream().filter(s -> s.openAt(now)).count()
        >= MAX_OPEN_PER_MEETING
        ? Future.failedFuture(HttpProblem.unprocessable("a meeting may have at most " + MAX_OPEN_PER_MEETING
            + " open shares; revoke one first"))
        : Future.succeededFuture());
  }

  /**
   * Revokes a share; either party of the share's meeting may.
   *
   * @return fails with 404 for an unknown share, 403 for anyone outside the pair
   */
  public Future<Share> revoke(String shareId, User caller) {
    return shares.findById(shareId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no such share"));
      }
      return meeting(found.get()).compose(meeting -> {
        if (meeting.roleOf(caller.id()).isEmpty()) {
          return Future.failedFuture(HttpProblem.forbidden("only the pair may revoke its shares"));
        }
        return shares.revoke(shareId, caller.id(), now()).compose(v -> shares.findById(shareId)).map(Optional::orElseThrow);
      });
    });
  }

  /** {@code [{...share, views:[...]}]}: the meeting's shares, oldest first, each with its readings, newest first. */
  public Future<JsonArray> listWithViews(Meeting meeting) {
    Instant now = now();
    return Future.all(shares.forMeeting(meeting.id()), audit.forMeeting(meeting.id())).map(both -> {
      List<Share> list = both.resultAt(0);
      List<ShareView> views = both.resultAt(1);
      Map<String, List<ShareView>> byShare = views.stream().collect(Collectors.groupingBy(ShareView::shareId));
      return new JsonArray(list.stream().map(s -> s.toJson(now).put("views",
          new JsonArray(byShare.getOrDefault(s.id(), List.of()).stream().map(ShareView::toJson).toList()))).toList());
    });
  }

  /** The shares {@code user} was invited to that are open now, newest first. */
  public Future<List<Share>> openFor(User user) {
    Instant now = now();
    return shares.forRecipient(user.id()).map(list -> list.stream().filter(s -> s.openAt(now)).toList());
  }

  /** The open link share of {@code token}; empty for a malformed, unknown, expired or revoked token alike. */
  public Future<Optional<Share>> openLink(String token) {
    if (!ShareTokens.wellFormed(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    Instant now = now();
    return shares.findByTokenHash(ShareTokens.sha256(token))
        .map(found -> found.filter(s -> s.kind() == ShareKind.LINK && s.openAt(now)));
  }

  /**
   * The open share {@code shareId} for its invited user.
   *
   * @return fails with 404 for an unknown, expired or revoked share, 403 when {@code caller} is not its recipient
   */
  public Future<Share> openInvite(String shareId, User caller) {
    Instant now = now();
    return shares.findById(shareId).compose(found -> {
      if (found.isEmpty() || !found.get().openAt(now)) {
        return Future.failedFuture(HttpProblem.notFound("no such share, or it expired or was revoked"));
      }
      if (found.get().kind() != ShareKind.USER || !caller.id().equals(found.get().recipientId())) {
        return Future.failedFuture(HttpProblem.forbidden("this share is for someone else"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  /** What the reader of {@code share} sees, with memo headings in {@code locale}. */
  public Future<SharedContent> content(Share share, Locale locale) {
    return meeting(share).compose(meeting -> memos.render(meeting, locale).compose(memo -> {
      String text = memo.getString("text", "");
      if (!share.includeTranscript()) {
        return Future.succeededFuture(new SharedContent(share, meeting, text, null));
      }
      return transcripts.forMeeting(meeting.id()).map(segments -> new SharedContent(share, meeting, text, segments));
    }));
  }

  /** Appends a reading of {@code share} to the audit log: the logged-in reader, or a hash of the address. */
  public Future<Void> recordView(Share share, Optional<User> reader, String address) {
    ShareView view = reader
        .map(u -> new ShareView(share.id(), share.meetingId(), now(), u.id(), u.name(), null))
        .orElseGet(() -> new ShareView(share.id(), share.meetingId(), now(), null, null,
            ShareTokens.sha256(share.id() + "|" + address).substring(0, 16)));
    return audit.append(view);
  }

  /** The meeting {@code share} belongs to. */
  public Future<Meeting> meeting(Share share) {
    return meetings.findById(share.meetingId()).map(m -> m.orElseThrow(() -> new IllegalStateException(
        "share " + share.id() + " names a missing meeting")));
  }

  private Instant now() {
    return MongoDates.storable(clock.instant());
  }

  /** Shorthand for the wire form of one share now. */
  public JsonObject toJson(Share share) {
    return share.toJson(now());
  }

  /** The service's clock reading, at storable precision. */
  public Instant instant() {
    return now();
  }
}
