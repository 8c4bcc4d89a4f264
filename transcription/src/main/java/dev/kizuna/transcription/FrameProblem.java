package dev.kizuna.transcription;

/**
 * Why a client's audio frame was refused.
 *
 * @param code {@code odd-length}, {@code bad-frame-size} or {@code not-pcm}
 * @param message an English sentence for the client's developer
 */
public record FrameProblem(String code, String message) {}
