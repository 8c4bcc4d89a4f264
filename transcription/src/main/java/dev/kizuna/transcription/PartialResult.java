package dev.kizuna.transcription;

/**
 * The current guess for the utterance being spoken; replaced by later partials and finally by a
 * {@link FinalSegment}. Times are milliseconds from the meeting start.
 *
 * @param text the words recognised so far in this utterance (never empty)
 * @param startMs where the utterance began: the end of the previous segment of this stream, so it
 *     may include the silence before the first word
 * @param endMs the end of the audio recognised so far
 */
public record PartialResult(String text, long startMs, long endMs) {}
