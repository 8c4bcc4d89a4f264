package dev.kizuna.server.memo;

import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.signaling.memo.Access;
import dev.kizuna.signaling.memo.DocumentAccess;
import dev.kizuna.signaling.memo.DocumentId;
import io.vertx.core.Future;

/**
 * Who may sync which memo document: the meeting's pair writes its shared memo (before, during
 * and after the meeting); private notes are their owner's alone; everyone else gets nothing.
 */
public final class MeetingMemoAccess implements DocumentAccess {

  private final MemoDocuments documents;
  private final MeetingRepository meetings;

  public MeetingMemoAccess(MemoDocuments documents, MeetingRepository meetings) {
    this.documents = documents;
    this.meetings = meetings;
  }

  @Override
  public Future<Access> access(String userId, DocumentId id) {
    return documents.find(id).compose(entry -> {
      if (entry.isEmpty()) {
        return Future.succeededFuture(Access.NONE);
      }
      if (entry.get().kind() == MemoDocuments.Kind.PRIVATE) {
        return Future.succeededFuture(userId.equals(entry.get().ownerId()) ? Access.WRITE : Access.NONE);
      }
      return meetings.findById(entry.get().meetingId()).map(meeting -> meeting
          .flatMap(m -> m.roleOf(userId))
          .map(role -> Access.WRITE)
          .orElse(Access.NONE));
    });
  }
}
