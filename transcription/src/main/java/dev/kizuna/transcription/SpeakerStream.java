package dev.kizuna.transcription;

import io.vertx.core.Future;

/**
 * One speaker's audio on its own recogniser. The audio is one continuous timeline: a client that
 * stops sending (muted) should send silence, or close the stream and open a new one with a fresh
 * offset, or later words get earlier times than they had. Thread-safe.
 */
public interface SpeakerStream {

  /**
   * Queues a frame for recognition; never blocks. Frames should pass {@link PcmFrames#check}; the
   * stream keeps the array, so do not change it afterwards.
   *
   * @param pcm 16 kHz, 16-bit little-endian, mono samples (an even number of bytes)
   * @return what happened to the frame; {@link Admission#DROPPED} once the stream is closing
   * @throws IllegalArgumentException if the length is odd
   */
  Admission offer(byte[] pcm);

  /**
   * Recognises the audio still queued, delivers its final segment (the last words, even without a
   * pause after them), then releases the recogniser. Idempotent.
   */
  Future<Void> close();

  /** Audio accepted so far, milliseconds. */
  long audioMs();
}
