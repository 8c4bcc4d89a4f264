package dev.kizuna.summarizer;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a summary is made from.
 *
 * @param language the meeting's language, {@code "en"} or {@code "ja"}; the summary is written in it
 * @param meetingDate the day of the meeting; relative due dates ("by Friday", "来週の水曜") resolve against it
 * @param agenda the agenda items in order (at least one)
 * @param utterances the transcript segments in time order
 * @param memoText what the pair typed into the shared memo, may be empty
 */
public record SummaryRequest(
    String language, LocalDate meetingDate, List<AgendaEntry> agenda, List<Utterance> utterances, String memoText) {

  public SummaryRequest {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(meetingDate, "meetingDate");
    if (!language.equals("en") && !language.equals("ja")) {
      throw new IllegalArgumentException("language must be en or ja, not " + language);
    }
    if (agenda == null || agenda.isEmpty()) {
      throw new IllegalArgumentException("the agenda needs at least one item");
    }
    agenda = List.copyOf(agenda);
    utterances = utterances == null ? List.of() : List.copyOf(utterances);
    memoText = memoText == null ? "" : memoText;
  }
}
