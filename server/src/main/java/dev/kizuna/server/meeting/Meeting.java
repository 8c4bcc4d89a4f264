package dev.kizuna.server.meeting;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One 1on1 of a pair.
 *
 * @param durationMinutes planned length
 * @param startedAt first join, or {@code null}
 * @param endedAt when it was ended, or {@code null}
 * @param memo the meeting's memo documents, or {@code null} for a meeting stored before memos existed
 * @param guests third people the pair invited to the room ("2on1"), at most {@link #MAX_GUESTS}
 */
public record Meeting(String id, String pairId, String memberId, String managerId, String memberName,
    String managerName, Instant scheduledAt, int durationMinutes, MeetingStatus status, Agenda agenda,
    Instant startedAt, Instant endedAt, Instant createdAt, MemoIds memo, List<Guest> guests) {

  /** How many guests a meeting may invite: one third person (a mentor, HR), as in a 2on1. */
  public static final int MAX_GUESTS = 1;

  public Meeting {
    guests = guests == null ? List.of() : List.copyOf(guests);
  }

  /**
   * A user the pair invited to the meeting's room only (not its agenda, memo or transcript).
   *
   * @param id the guest's user id
   * @param name display name in the room
   */
  public record Guest(String id, String name) {

    /** The wire and stored form {@code {id, name}}. */
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name);
    }
  }

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
        agenda, startedAt, endedAt, createdAt, ids, guests);
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

  /** The guest {@code userId}, if the pair invited them. */
  public Optional<Guest> guest(String userId) {
    return guests.stream().filter(g -> g.id().equals(userId)).findFirst();
  }

  /** The display name of the participant on {@code role}'s side (not for {@code GUEST}). */
  public String nameOf(ParticipantRole role) {
    return role == ParticipantRole.MEMBER ? memberName : managerName;
  }

  /**
   * The guest's view of the meeting: when, how long, its status and the pair's names, with
   * {@code yourRole} {@code GUEST}; never the agenda, the memo documents or the pair's ids.
   */
  public JsonObject toGuestJson() {
    return common().put("yourRole", ParticipantRole.GUEST.name());
  }

  /** The wire form for {@code viewer}, who must be a participant ({@code yourRole}). */
  public JsonObject toJson(ParticipantRole viewer) {
    JsonObject json = common()
        .put("pairId", pairId)
        .put("memberId", memberId)
        .put("managerId", managerId)
        .put("agenda", agenda.toJson())
        .put("createdAt", createdAt.toString())
        .put("yourRole", viewer.name());
    if (memo != null) {
      json.put("memo", new JsonObject().put("documentUrl", AUTOMERGE_URL + memo.shared()));
      json.put("privateNotes", new JsonObject().put("documentUrl", AUTOMERGE_URL + memo.notesOf(viewer)));
    }
    return json;
  }

  /** The fields both the pair and the guest see. */
  private JsonObject common() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("memberName", memberName)
        .put("managerName", managerName)
        .put("scheduledAt", scheduledAt.toString())
        .put("durationMinutes", durationMinutes)
        .put("status", status.name())
        .put("guests", new JsonArray(guests.stream().map(Guest::toJson).toList()));
    if (startedAt != null) {
      json.put("startedAt", startedAt.toString());
    }
    if (endedAt != null) {
      json.put("endedAt", endedAt.toString());
    }
    return json;
  }
}
