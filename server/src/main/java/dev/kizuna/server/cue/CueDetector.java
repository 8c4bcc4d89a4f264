package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.signaling.ParticipantRole;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Finds behavioural cues in one room's live transcript against the current agenda item's
 * expectation (issue 5): the manager's share of talk time over the last three minutes when
 * the member asked to be listened to, advice while they asked to be listened to or to report,
 * no question for a while when thinking together, and too little time for the items left.
 * Times are milliseconds from the meeting's start. Not thread-safe: one room's calls come
 * from one context.
 */
final class CueDetector {

  /** The window: "the manager spoke over 40% of the last three minutes". */
  static final long WINDOW_MS = 180_000;
  static final double LISTEN_SHARE = 0.40;
  /** Less manager speech than this is too little to judge (a greeting is not a monologue). */
  static final long MIN_MANAGER_SPEECH_MS = 10_000;
  /** Thinking together without a question from the manager for this long is a cue. */
  static final long QUESTION_GAP_MS = 120_000;
  /** Fewer minutes than this per item left is a cue to agree what moves to next time. */
  static final long MIN_MS_PER_ITEM = 120_000;

  /** One final segment as the detector needs it. */
  record Spoken(ParticipantRole role, long startMs, long endMs, String text) {}

  private final String language;
  private final Deque<Spoken> recent = new ArrayDeque<>();
  private long lastQuestionMs = Long.MIN_VALUE;

  /** @param language the meeting's language ({@code en}, {@code ja}): the transcript's */
  CueDetector(String language) {
    this.language = language;
  }

  /** Takes a final segment (segments arrive in about their spoken order). */
  void add(Spoken spoken) {
    recent.addLast(spoken);
    if (spoken.role() == ParticipantRole.MANAGER && Phrases.isQuestion(spoken.text(), language)) {
      lastQuestionMs = Math.max(lastQuestionMs, spoken.endMs());
    }
    while (!recent.isEmpty() && recent.peekFirst().endMs() < spoken.endMs() - WINDOW_MS) {
      recent.removeFirst();
    }
  }

  /**
   * The cues that hold now, after {@code latest} was added.
   *
   * @param expectation of the current agenda item, or {@code null} without an agenda
   * @param itemSinceMs when the current item became current
   * @param itemsLeft items from the current one to the end of the agenda
   * @param msLeft time until the planned end (negative when over)
   */
  List<Detection> check(Spoken latest, Expectation expectation, long itemSinceMs, int itemsLeft, long msLeft) {
    List<Detection> found = new ArrayList<>();
    long now = latest.endMs();
    if (expectation == Expectation.LISTEN) {
      long manager = speech(ParticipantRole.MANAGER, now - WINDOW_MS, now);
      long member = speech(ParticipantRole.MEMBER, now - WINDOW_MS, now);
      double share = manager / (double) Math.max(1, manager + member);
      if (manager >= MIN_MANAGER_SPEECH_MS && share > LISTEN_SHARE) {
        found.add(new Detection(CueKind.TALK_SHARE, String.format(Locale.ROOT, "manager-share=%.2f", share),
            Math.round(share * 100)));
      }
    }
    if ((expectation == Expectation.LISTEN || expectation == Expectation.REPORT)
        && latest.role() == ParticipantRole.MANAGER && Phrases.isAdvice(latest.text(), language)) {
      found.add(new Detection(CueKind.ADVICE_PHRASE, "advice-while-" + expectation.name().toLowerCase(Locale.ROOT),
          expectation.name()));
    }
    if (expectation == Expectation.THINK_TOGETHER) {
      long since = Math.max(itemSinceMs, lastQuestionMs);
      if (now - since >= QUESTION_GAP_MS && speech(ParticipantRole.MANAGER, since, now) >= MIN_MANAGER_SPEECH_MS) {
        found.add(new Detection(CueKind.NO_QUESTION, "no-question-for-ms=" + (now - since)));
      }
    }
    if (itemsLeft > 0 && msLeft < itemsLeft * MIN_MS_PER_ITEM) {
      long minutes = Math.max(0, msLeft / 60_000);
      found.add(new Detection(CueKind.TIME_LEFT, "ms-left=" + msLeft + ",items-left=" + itemsLeft, minutes, itemsLeft));
    }
    return found;
  }

  /** Milliseconds {@code role} spoke within [from, to]. */
  private long speech(ParticipantRole role, long from, long to) {
    long total = 0;
    for (Spoken s : recent) {
      if (s.role() == role) {
        total += Math.max(0, Math.min(s.endMs(), to) - Math.max(s.startMs(), from));
      }
    }
    return total;
  }
}
