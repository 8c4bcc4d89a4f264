package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.transcript.TranscriptSegment;
import java.text.MessageFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The live cues of one meeting: which agenda item is current (chosen by either party, else
 * inferred from the transcript), the detector and the throttle, and the cue texts in the
 * manager's language. Synchronized: transcript results and agenda changes of one room may
 * arrive on different event loops.
 */
final class RoomCoach {

  /** How much recent transcript the item inference reads. */
  private static final long INFERENCE_WINDOW_MS = 60_000;

  private final Meeting meeting;
  private final List<AgendaItem> items;
  private final ResourceBundle managerTexts;
  private final String managerLanguage;
  private final Locale managerLocale;
  private final CueDetector detector;
  private final CueThrottle throttle = new CueThrottle();
  private final ItemInference inference;
  private final Deque<CueDetector.Spoken> lastMinute = new ArrayDeque<>();
  private int currentIndex = -1;
  private long itemSinceMs;

  /**
   * @param meetingLanguage the transcript's language (the member's locale)
   * @param managerLanguage the language of the cue texts
   */
  RoomCoach(Meeting meeting, String meetingLanguage, String managerLanguage) {
    this.meeting = meeting;
    this.items = meeting.agenda().items();
    this.managerLanguage = managerLanguage;
    this.managerLocale = Locale.forLanguageTag(managerLanguage);
    this.managerTexts = bundle(managerLocale);
    this.detector = new CueDetector(meetingLanguage);
    this.inference = new ItemInference(items, bundle(Locale.forLanguageTag(meetingLanguage)));
  }

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle("i18n.cues", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  Meeting meeting() {
    return meeting;
  }

  /** The language the manager reads hints in. */
  String managerLanguage() {
    return managerLanguage;
  }

  /** The current item's index, or -1 without an agenda. */
  synchronized int currentIndex() {
    return currentIndex;
  }

  /** Either party chose item {@code index} at {@code nowMs}; whether that changed the current item. */
  synchronized boolean choose(int index, long nowMs) {
    if (index == currentIndex || index < 0 || index >= items.size()) {
      return false;
    }
    currentIndex = index;
    itemSinceMs = nowMs;
    return true;
  }

  /**
   * Takes a final segment and returns the cues to show now.
   *
   * @param chosenIndex the room's current item as chosen by a party, or {@code null}
   * @param nowMs ms from the meeting's start
   */
  synchronized List<LiveHint> onSpoken(TranscriptSegment segment, Integer chosenIndex, long nowMs) {
    CueDetector.Spoken spoken = new CueDetector.Spoken(segment.role(), segment.startMs(), segment.endMs(), segment.text());
    detector.add(spoken);
    lastMinute.addLast(spoken);
    while (!lastMinute.isEmpty() && lastMinute.peekFirst().endMs() < spoken.endMs() - INFERENCE_WINDOW_MS) {
      lastMinute.removeFirst();
    }
    if (!items.isEmpty()) {
      int index = chosenIndex != null ? chosenIndex
          : inference.best(lastMinute.stream().map(CueDetector.Spoken::text).collect(Collectors.joining(" ")),
              Math.max(0, currentIndex));
      choose(index, nowMs);
    }
    AgendaItem item = currentIndex >= 0 ? items.get(currentIndex) : null;
    int itemsLeft = currentIndex >= 0 ? items.size() - currentIndex : 0;
    long msLeft = meeting.durationMinutes() * 60_000L - nowMs;
    List<LiveHint> hints = new ArrayList<>();
    for (Detection d : detector.check(spoken, item == null ? null : item.expectation(), itemSinceMs, itemsLeft, msLeft)) {
      if (throttle.allow(d.kind(), nowMs)) {
        hints.add(new LiveHint(Ids.next(), "cue", d.kind(), null, text(d), item == null ? null : item.topic(),
            item == null ? null : item.expectation(), d.reason()));
      }
    }
    return hints;
  }

  private String text(Detection d) {
    String key = d.kind() == CueKind.ADVICE_PHRASE ? "cue.ADVICE_PHRASE." + d.args()[0] : "cue." + d.kind().name();
    return new MessageFormat(managerTexts.getString(key), managerLocale).format(d.args());
  }
}
