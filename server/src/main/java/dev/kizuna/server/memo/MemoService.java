package dev.kizuna.server.memo;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.DocumentRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A meeting's memo documents: creates them (shared memo shaped by the agenda, two private
 * notes), keeps the shared memo's items in step with the agenda while it may change, and
 * renders the memo for {@code GET /api/meetings/{id}/memo}.
 */
public final class MemoService {

  private final DocumentRegistry registry;
  private final MemoDocuments documents;
  private final MeetingRepository meetings;

  public MemoService(DocumentRegistry registry, MemoDocuments documents, MeetingRepository meetings) {
    this.registry = registry;
    this.documents = documents;
    this.meetings = meetings;
  }

  /**
   * The meeting with its memo documents, creating them on first use. Two racing callers may
   * both create documents; only the first recorded set is used, the other stays unreferenced.
   */
  public Future<Meeting> ensureMemo(Meeting meeting) {
    if (meeting.memo() != null) {
      return Future.succeededFuture(meeting);
    }
    return create(MemoSchema.sharedMemo(meeting.agenda().items()), meeting.id(), MemoDocuments.Kind.SHARED, null)
        .compose(shared -> create(MemoSchema.privateNotes(), meeting.id(), MemoDocuments.Kind.PRIVATE, meeting.memberId())
            .compose(member -> create(MemoSchema.privateNotes(), meeting.id(), MemoDocuments.Kind.PRIVATE, meeting.managerId())
                .map(manager -> new Meeting.MemoIds(shared.value(), member.value(), manager.value()))))
        .compose(ids -> meetings.setMemoIfAbsent(meeting.id(), ids)
            .compose(recorded -> recorded
                ? Future.succeededFuture(meeting.withMemo(ids))
                : meetings.findById(meeting.id()).map(m -> m.orElseThrow())));
  }

  private Future<DocumentId> create(byte[] snapshot, String meetingId, MemoDocuments.Kind kind, String ownerId) {
    return registry.create(snapshot)
        .compose(id -> documents.insert(new MemoDocuments.Entry(id, meetingId, kind, ownerId)).map(id));
  }

  /** Applies a new agenda to the shared memo's items (a server-side change, synced to peers). */
  public Future<Void> followAgenda(Meeting meeting, Agenda agenda) {
    return ensureMemo(meeting).compose(m -> registry.change(shared(m), tx -> MemoSchema.reconcileItems(tx, agenda.items())));
  }

  /**
   * {@code {document, text, summary, updatedAt}}: the shared memo as JSON and as plain text with
   * headings in {@code locale}; {@code summary} is the proposed or accepted summary as the pair
   * edited it ({@link SummarySection#toWire}), {@code null} until one was proposed.
   */
  public Future<JsonObject> render(Meeting meeting, Locale locale) {
    return ensureMemo(meeting)
        .compose(m -> registry.read(shared(m), MemoRenderer::toJson))
        .map(json -> new JsonObject()
            .put("document", json)
            .put("text", MemoRenderer.toText(json, locale))
            .put("summary", SummarySection.toWire(json).orElse(null))
            .put("updatedAt", Instant.now().toString()));
  }

  /** What the pair typed into the shared memo, as plain text in {@code locale} (the summary section left out). */
  public Future<String> typedText(Meeting meeting, Locale locale) {
    return ensureMemo(meeting)
        .compose(m -> registry.read(shared(m), MemoRenderer::toJson))
        .map(json -> MemoRenderer.typedText(json, locale));
  }

  /**
   * Writes {@code draft} into the shared memo as the proposed summary (synced to both parties).
   *
   * @return {@code false} when a summary was already accepted and nothing was written
   */
  public Future<Boolean> proposeSummary(Meeting meeting, SummarySection.Draft draft) {
    AtomicBoolean written = new AtomicBoolean();
    return ensureMemo(meeting)
        .compose(m -> registry.change(shared(m), tx -> written.set(SummarySection.propose(tx, draft))))
        .map(v -> written.get());
  }

  /** The summary section as the pair edited it, in wire form, if one was proposed. */
  public Future<Optional<JsonObject>> summary(Meeting meeting) {
    return ensureMemo(meeting)
        .compose(m -> registry.read(shared(m), doc -> SummarySection.toWire(MemoRenderer.toJson(doc))));
  }

  /** Marks the memo's summary section accepted. */
  public Future<Void> markSummaryAccepted(Meeting meeting) {
    return ensureMemo(meeting).compose(m -> registry.change(shared(m), SummarySection::markAccepted));
  }

  private static DocumentId shared(Meeting meeting) {
    return DocumentId.parse(meeting.memo().shared()).orElseThrow();
  }
}
