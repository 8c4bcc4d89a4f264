package dev.kizuna.server.summary;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingEndListener;
import dev.kizuna.server.memo.MemoService;
import dev.kizuna.server.memo.SummarySection;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.transcript.TranscriptSegment;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.summarizer.AgendaEntry;
import dev.kizuna.summarizer.Speaker;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.summarizer.Summary;
import dev.kizuna.summarizer.SummaryRequest;
import dev.kizuna.summarizer.Utterance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary flow of a meeting: gathers the agenda, the stored transcript and the typed memo in the
 * meeting's language (the member's locale), has the {@link Summarizer} draft a summary (on its own
 * worker pool, never an event loop), and proposes it in the shared memo where both parties edit it; on
 * acceptance records it in {@code summaries} and its promises in {@code promises}.
 */
public final class SummaryService implements MeetingEndListener {

  private static final Logger LOG = LoggerFactory.getLogger(SummaryService.class);

  private final Summarizer summarizer;
  private final MemoService memos;
  private final TranscriptRepository transcripts;
  private final UserRepository users;
  private final SummaryRepository summaries;
  private final CommitmentRepository commitments;
  private final SummaryAcceptListener acceptListener;
  /** The generation running per meeting: a second request joins it instead of summarising twice at once. */
  private final Map<String, Future<Void>> running = new ConcurrentHashMap<>();

  public SummaryService(Summarizer summarizer, MemoService memos, TranscriptRepository transcripts,
      UserRepository users, SummaryRepository summaries, CommitmentRepository commitments,
      SummaryAcceptListener acceptListener) {
    this.summarizer = summarizer;
    this.memos = memos;
    this.transcripts = transcripts;
    this.users = users;
    this.summaries = summaries;
    this.commitments = commitments;
    this.acceptListener = acceptListener;
  }

  /** Starts summarising the meeting that just ended; a failure is logged and leaves the meeting as it is. */
  @Override
  public void ended(Meeting meeting) {
    generate(meeting);
  }

  /**
   * Drafts the meeting's summary again into the memo, in the background.
   *
   * @return fails with 409 when the pair already accepted a summary; otherwise succeeds at once, before
   *     the draft is made
   */
  public Future<Void> regenerate(Meeting meeting) {
    return summaries.status(meeting.id()).compose(status -> {
      if (status.orElse(null) == SummaryRepository.Status.ACCEPTED) {
        return Future.failedFuture(HttpProblem.conflict("the summary was already accepted"));
      }
      generate(meeting);
      return Future.succeededFuture();
    });
  }

  /**
   * Drafts and proposes the summary unless one is being drafted already (then that one is the answer).
   * Failures are logged here; callers need not handle them.
   */
  Future<Void> generate(Meeting meeting) {
    Promise<Void> mine = Promise.promise();
    Future<Void> current = running.putIfAbsent(meeting.id(), mine.future());
    if (current != null) {
      return current;
    }
    long started = System.nanoTime();
    draft(meeting)
        .onSuccess(v -> LOG.info("summary proposed meeting={} in {} ms", meeting.id(),
            (System.nanoTime() - started) / 1_000_000))
        .onFailure(e -> LOG.warn("summary failed meeting={}", meeting.id(), e))
        .onComplete(result -> {
          running.remove(meeting.id(), mine.future());
          mine.handle(result);
        });
    return mine.future();
  }

  private Future<Void> draft(Meeting meeting) {
    Future<String> language = users.findById(meeting.memberId()).map(m -> m.map(User::locale).orElse("en"));
    return language.compose(lang -> transcripts.forMeeting(meeting.id())
        .compose(segments -> memos.typedText(meeting, Locale.forLanguageTag(lang))
            .compose(typed -> summarizer.summarize(request(meeting, lang, segments, typed)))))
        .compose(summary -> {
          SummarySection.Draft draft = draftOf(summary);
          return memos.proposeSummary(meeting, draft).compose(written -> written
              ? memos.summary(meeting).compose(wire -> summaries.propose(meeting, wire.orElseThrow(),
                  summary.producedBy(), Instant.now()))
              : Future.succeededFuture());
        });
  }

  /**
   * Accepts the summary as the pair edited it in the memo: records it and its promises, and marks the
   * memo's section accepted. Accepting again records the current text again without adding promises twice.
   *
   * @return the accepted summary in wire form; fails with 409 when none was proposed yet
   */
  public Future<JsonObject> accept(Meeting meeting, String userId) {
    return memos.summary(meeting).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(HttpProblem.conflict("no summary has been proposed yet"));
      }
      Instant now = Instant.now();
      JsonObject accepted = found.get().put("status", SummarySection.ACCEPTED);
      return memos.markSummaryAccepted(meeting)
          .compose(v -> summaries.accept(meeting, accepted, userId, now))
          .compose(v -> commitments.recordAccepted(meeting, accepted.getJsonArray("promises"), now))
          .compose(v -> acceptListener.accepted(meeting, accepted).recover(e -> {
            LOG.warn("after-accept work failed meeting={}", meeting.id(), e);
            return Future.succeededFuture();
          }))
          .map(accepted);
    });
  }

  private static SummaryRequest request(Meeting meeting, String language, List<TranscriptSegment> segments,
      String typed) {
    List<AgendaItem> items = meeting.agenda().items();
    // the summariser needs an item to hang points on; a meeting held without an agenda gets "other"
    List<AgendaEntry> agenda = items.isEmpty() ? List.of(new AgendaEntry("OTHER", null, null))
        : items.stream().map(i -> new AgendaEntry(i.topic().name(), i.expectation().name(), i.note())).toList();
    List<Utterance> utterances = segments.stream()
        .map(s -> new Utterance(Speaker.valueOf(s.role().name()), s.text(), s.startMs(), s.endMs()))
        .toList();
    // relative due dates ("by Friday") count from the day the meeting took place
    Instant day = Stream.of(meeting.startedAt(), meeting.endedAt(), meeting.scheduledAt())
        .filter(Objects::nonNull).findFirst().orElseThrow();
    return new SummaryRequest(language.equals("ja") ? "ja" : "en", LocalDate.ofInstant(day, ZoneOffset.UTC), agenda,
        utterances, typed);
  }

  private static SummarySection.Draft draftOf(Summary summary) {
    return new SummarySection.Draft(
        summary.producedBy(),
        summary.items().stream()
            .map(i -> new SummarySection.Item(i.agendaIndex(), i.topic(), i.points())).toList(),
        summary.commitments().stream()
            .map(c -> new SummarySection.Commitment(c.owner().name(), c.what(),
                c.due() == null ? null : c.due().toString()))
            .toList(),
        summary.keepInMind(),
        summary.nextTopics());
  }
}
