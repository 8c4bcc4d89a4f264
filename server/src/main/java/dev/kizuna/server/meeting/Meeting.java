package dev.kizuna.server.meeting;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One 1on1 of a pair.
 *
 * @param durationMinutes planned length
 * @param startedAt first join, or {@code null}
 * @param endedAt when it was ended, or {@code null}
 * @param memo the meeting's memo documents, or {@code null} for a meeting stored before memos existed
 */
public record Meeting(String id, String pairId, String memberId, String managerId, String memberName,
    String managerName, Instant scheduledAt, int durationMinutes, MeetingStatus status, Agenda agenda,
    Instant startedAt, Instant endedAt, Instant createdAt, MemoIds memo) {

  /**
   * The Automerge documents of a meeting: the shared memo and each participant's private notes.
   * Values are automerge-repo document ids.
   */
  public record MemoIds(String shared, String memberNotes, String managerNotes) {

    /** The private notes of {@code role}'s participant. */
    public String notesOf(ParticipantRole role) {
      return role == ParticipantRole.MEMBER ? memberNotes : managerNotes;
    }
  }

  /** A copy with {@code memo} set. */
  public Meeting withMemo(MemoIds ids) {
    return new Meeting(id, pairId, memberId, managerId, memberName, managerName, scheduledAt, durationMinutes, status,
        agenda, startedAt, endedAt, createdAt, ids);
  }

  private static final String AUTOMERGE_URL = "automerge:";

  /** The side {@code userId} takes in this meeting, or empty if they are not part of it. */
  public Optional<ParticipantRole> roleOf(String userId) {
    if (memberId.equals(userId)) {
      return Optional.of(ParticipantRole.MEMBER);
    }
    if (managerId.equals(userId)) {
      return Optional.of(ParticipantRole.MANAGER);
    }
    return Optional.empty();
  }

  /** The display name of the participant on {@code role}'s side. */
  public String nameOf(ParticipantRole role) {
    return role == ParticipantRole.MEMBER ? memberName : managerName;
  }

  /** The wire form for {@code viewer}, who must be a participant ({@code yourRole}). */
  public JsonObject toJson(ParticipantRole viewer) {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("pairId", pairId)
        .put("memberId", memberId)
        .put("managerId", managerId)
        .put("memberName", memberName)
        .put("managerName", managerName)
        .put("scheduledAt", scheduledAt.toString())
        .put("durationMinutes", durationMinutes)
        .put("status", status.name())
        .put("agenda", agenda.toJson())
        .put("createdAt", createdAt.toString())
        .put("yourRole", viewer.name());
    if (startedAt != null) {
      json.put("startedAt", startedAt.toString());
    }
    if (endedAt != null) {
      json.put("endedAt", endedAt.toString());
    }
    if (memo != null) {
      json.put("memo", new JsonObject().put("documentUrl", AUTOMERGE_URL + memo.shared()));
      json.put("privateNotes", new JsonObject().put("documentUrl", AUTOMERGE_URL + memo.notesOf(viewer)));
    }
    return json;
  }
}
