package dev.kizuna.server.share;

/** Why a share exists. */
public enum ShareSource {
  /** One of the pair shared it by hand. */
  MANUAL,
  /** A pair's sharing rule, when the summary was accepted. */
  RULE,
  /** The member handed their history over to a new manager. */
  HANDOVER
}
