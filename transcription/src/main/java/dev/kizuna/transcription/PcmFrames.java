package dev.kizuna.transcription;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Checks audio frames from clients before they reach a {@link SpeakerStream}: raw PCM, 16 kHz,
 * 16-bit little-endian, mono, 20 to 500 ms per frame.
 */
public final class PcmFrames {

  /** Samples per second. */
  public static final int SAMPLE_RATE_HZ = 16_000;
  /** Bytes of audio per millisecond (16 samples of 2 bytes). */
  public static final int BYTES_PER_MS = SAMPLE_RATE_HZ * 2 / 1000;
  /** Smallest frame: 20 ms, 640 bytes. */
  public static final int MIN_FRAME_BYTES = 20 * BYTES_PER_MS;
  /** Largest frame: 500 ms, 16,000 bytes. */
  public static final int MAX_FRAME_BYTES = 500 * BYTES_PER_MS;

  /** A file format recognised by the bytes at {@code offset}. */
  private record Signature(String format, int offset, byte[] magic) {
    boolean matches(byte[] frame) {
      if (frame.length < offset + magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (frame[offset + i] != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }

  // Only signatures of 4 bytes: as two PCM samples each is one exact pair of loud values, so real
  // audio starts with one about once in 2^32 frames. Bare MP3/AAC frame syncs (11-12 bits) are
  // left out: PCM would match them every few thousand frames.
  private static final List<Signature> CONTAINERS = List.of(
      new Signature("a WAV file (RIFF header)", 0, ascii("RIFF")),
      new Signature("an Ogg file (Opus or Vorbis)", 0, ascii("OggS")),
      new Signature("a WebM/Matroska file", 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}),
      new Signature("a FLAC file", 0, ascii("fLaC")),
      new Signature("an MP3 file (ID3 tag)", 0, new byte[] {'I', 'D', '3', 0x03}),
      new Signature("an MP3 file (ID3 tag)", 0, new byte[] {'I', 'D', '3', 0x04}),
      new Signature("an MP4/M4A file", 4, ascii("ftyp")),
      new Signature("an AIFF file", 0, ascii("FORM")),
      new Signature("an AMR file", 0, ascii("#!AM")));

  private PcmFrames() {}

  /** The first problem of {@code frame}, or empty if it can be offered. */
  public static Optional<FrameProblem> check(byte[] frame) {
    if (frame.length % 2 != 0) {
      return problem("odd-length", "An audio frame must hold whole 16-bit samples (an even number of bytes); got "
          + frame.length + " bytes.");
    }
    if (frame.length < MIN_FRAME_BYTES || frame.length > MAX_FRAME_BYTES) {
      return problem("bad-frame-size", "An audio frame must hold 20 to 500 ms of 16 kHz 16-bit mono audio ("
          + MIN_FRAME_BYTES + " to " + MAX_FRAME_BYTES + " bytes); got " + frame.length + " bytes.");
    }
    for (Signature signature : CONTAINERS) {
      if (signature.matches(frame)) {
        return notPcm("The audio frame looks like " + signature.format() + ".");
      }
    }
    if (isText(frame)) {
      return notPcm("The audio frame looks like text.");
    }
    return Optional.empty();
  }

  /**
   * True if the frame is printable UTF-8 text (tabs and line breaks allowed). PCM practically never
   * is: quiet audio is full of 0x00 and 0xFF bytes (a control character, an invalid UTF-8 byte),
   * and the low byte of a sample is close to random, printable ASCII with a chance of about 0.37,
   * so the 320 low bytes of the smallest frame all pass with a chance near 10^-138 (multi-byte
   * UTF-8 needs exact bit patterns, which does not raise it). Checked on every frame of the clips in
   * ../shared/audio (PcmFramesTest).
   */
  private static boolean isText(byte[] frame) {
    for (byte b : frame) {
      if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(frame));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static Optional<FrameProblem> notPcm(String what) {
    return problem("not-pcm", what + " Send raw PCM samples (16 kHz, 16-bit little-endian, mono) without any"
        + " file header or encoding.");
  }

  private static Optional<FrameProblem> problem(String code, String message) {
    return Optional.of(new FrameProblem(code, message));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
