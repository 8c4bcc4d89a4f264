package dev.kizuna.server.user;

/**
 * What a user may do in the organisation. Whether someone is the member or the manager of a
 * meeting comes from the meeting's pair, not from these roles.
 */
public enum Role {
  MEMBER,
  MANAGER,
  ADMIN,
  HR
}
