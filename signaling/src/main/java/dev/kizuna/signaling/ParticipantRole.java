package dev.kizuna.signaling;

import java.util.List;

/**
 * A participant's side in a 1on1 room: the member owns the agenda, the manager supports, and a
 * guest (a mentor, HR) is a third person the pair invited to one meeting ("2on1"). Only the pair
 * consents to and is heard by transcription.
 */
public enum ParticipantRole {
  MEMBER,
  MANAGER,
  GUEST;

  /** The pair's two sides, whose consent the room keeps. */
  public static final List<ParticipantRole> PAIR = List.of(MEMBER, MANAGER);
}
