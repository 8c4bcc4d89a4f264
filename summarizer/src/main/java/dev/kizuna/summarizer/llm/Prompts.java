package dev.kizuna.summarizer.llm;

import dev.kizuna.summarizer.AgendaEntry;
import dev.kizuna.summarizer.SummaryRequest;
import dev.kizuna.summarizer.Utterance;
import java.util.List;

/** The user message: meeting language and date, the agenda, the memo text and the transcript with speakers. */
final class Prompts {

  private Prompts() {}

  static String meeting(SummaryRequest r) {
    StringBuilder b = new StringBuilder();
    b.append("Language: ").append(r.language())
        .append(r.language().equals("ja") ? " (write in Japanese)" : " (write in English)").append('\n');
    b.append("Meeting date: ").append(r.meetingDate()).append(" (").append(r.meetingDate().getDayOfWeek()).append(")\n\n");
    b.append("Agenda:\n");
    List<AgendaEntry> agenda = r.agenda();
    for (int i = 0; i < agenda.size(); i++) {
      AgendaEntry e = agenda.get(i);
      b.append(i).append(". topic ").append(e.topic());
      if (e.expectation() != null) {
        b.append(", expectation ").append(e.expectation());
      }
      if (e.note() != null && !e.note().isBlank()) {
        b.append(", member's note: ").append(e.note().strip());
      }
      b.append('\n');
    }
    b.append("\nShared memo typed during the meeting:\n").append(r.memoText().isBlank() ? "(empty)" : r.memoText().strip());
    b.append("\n\nTranscript:\n");
    for (Utterance u : r.utterances()) {
      b.append(u.speaker()).append(": ").append(u.text().strip()).append('\n');
    }
    return b.toString();
  }
}
