package dev.kizuna.server.hint;

/** Which time an icebreaker question asks about. */
public enum IcebreakerTime {
  PAST,
  PRESENT,
  FUTURE
}
