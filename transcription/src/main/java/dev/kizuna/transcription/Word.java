package dev.kizuna.transcription;

/**
 * One recognised word.
 *
 * @param word the word as the model spells it (lower case for the English model)
 * @param startMs start, milliseconds from the meeting start
 * @param endMs end, milliseconds from the meeting start
 * @param confidence the recogniser's confidence, 0 to 1
 */
public record Word(String word, long startMs, long endMs, double confidence) {}
