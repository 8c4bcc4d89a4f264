package dev.kizuna.server.feedback;

import dev.kizuna.server.db.Ids;

/**
 * One member's rating of one agenda item, stored with nothing that names the member or the
 * meeting: a random id (not an ObjectId, which would carry its creation time), the manager, the
 * cell, the rating, the optional "what was good" text and the month it was given.
 *
 * @param rating 1 (poor) to 5 (very good)
 * @param comment "what was good", or {@code null}
 * @param period {@code YYYY-MM} (UTC) of the answer: the trend's granularity, never a timestamp
 */
public record FeedbackAnswer(String id, String managerId, Cell cell, int rating, String comment, String period) {

  /** A new answer with a fresh random id. */
  public static FeedbackAnswer of(String managerId, Cell cell, int rating, String comment, String period) {
    return new FeedbackAnswer(Ids.next(), managerId, cell, rating, comment, period);
  }
}
