package dev.kizuna.summarizer;

/**
 * One transcript segment: what one speaker said, with times in milliseconds from the meeting start.
 */
public record Utterance(Speaker speaker, String text, long startMs, long endMs) {}
