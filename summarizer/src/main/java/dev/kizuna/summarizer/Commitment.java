package dev.kizuna.summarizer;

import java.time.LocalDate;

/**
 * A promise made in the 1on1 ({@code Promise} is taken by futures).
 *
 * @param owner who committed
 * @param what the action, in the meeting's language
 * @param due the day it is due when a time was said, otherwise null
 */
public record Commitment(Speaker owner, String what, LocalDate due) {}
