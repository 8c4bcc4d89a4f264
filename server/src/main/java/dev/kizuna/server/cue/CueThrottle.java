package dev.kizuna.server.cue;

import java.util.EnumMap;
import java.util.Map;

/**
 * Keeps cues rare enough to read during a conversation: the same cue at most every two
 * minutes, any two cues at least 20 s apart. Times in ms from the meeting's start.
 */
final class CueThrottle {

  static final long SAME_CUE_MS = 120_000;
  static final long ANY_CUE_MS = 20_000;

  private final Map<CueKind, Long> last = new EnumMap<>(CueKind.class);
  private long lastAny = Long.MIN_VALUE / 2;

  /** Whether {@code kind} may show at {@code nowMs}; if so, it counts as shown. */
  boolean allow(CueKind kind, long nowMs) {
    long previous = last.getOrDefault(kind, Long.MIN_VALUE / 2);
    if (nowMs - previous < SAME_CUE_MS || nowMs - lastAny < ANY_CUE_MS) {
      return false;
    }
    last.put(kind, nowMs);
    lastAny = nowMs;
    return true;
  }
}
