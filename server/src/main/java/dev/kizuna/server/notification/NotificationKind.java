package dev.kizuna.server.notification;

/** What an in-app notification is about. */
public enum NotificationKind {
  /** One of a pair marked something in their 1on1 critical; for designated HR users. */
  ESCALATION,
  /** A meeting's memo was shared with the user. */
  SHARED
}
