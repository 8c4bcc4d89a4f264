package dev.kizuna.signaling;

/** A participant's side in a 1on1 room: the member owns the agenda, the manager supports. */
public enum ParticipantRole {
  MEMBER,
  MANAGER
}
