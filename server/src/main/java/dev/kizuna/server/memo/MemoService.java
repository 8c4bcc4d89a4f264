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
   * headings in {@code locale}. {@code summary} is {@code null} until summaries exist.
   */
  public Future<JsonObject> render(Meeting meeting, Locale locale) {
    return ensureMemo(meeting)
        .compose(m -> registry.read(shared(m), MemoRenderer::toJson))
        .map(json -> new JsonObject()
            .put("document", json)
            .put("text", MemoRenderer.toText(json, locale))
            .putNull("summary")
            .put("updatedAt", Instant.now().toString()));
  }

  private static DocumentId shared(Meeting meeting) {
    return DocumentId.parse(meeting.memo().shared()).orElseThrow();
  }
}
