package dev.kizuna.server.feedback;

/**
 * The member's rating of one agenda item.
 *
 * @param index the item's position in the meeting's agenda
 * @param rating 1 to 5
 * @param good "what was good", or {@code null}
 */
public record RatedItem(int index, int rating, String good) {}
