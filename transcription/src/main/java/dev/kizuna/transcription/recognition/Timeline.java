package dev.kizuna.transcription.recognition;

import java.util.ArrayDeque;

/**
 * Maps positions in a recogniser's audio to positions in its stream's audio, both in samples. They
 * differ once audio was dropped (the recogniser never heard it) or the recogniser was recreated
 * (it counts from zero again): each such jump is an anchor.
 */
final class Timeline {

  /** From recogniser sample {@code recognizer} on, the stream is at {@code stream}. */
  private record Anchor(long recognizer, long stream) {}

  private final ArrayDeque<Anchor> anchors = new ArrayDeque<>();

  /** The recogniser is about to hear the stream's audio from sample {@code stream} at its sample {@code recognizer}. */
  void feed(long recognizer, long stream) {
    Anchor last = anchors.peekLast();
    if (last == null || last.stream + (recognizer - last.recognizer) != stream) {
      anchors.add(new Anchor(recognizer, stream));
    }
  }

  /** The stream sample heard at recogniser sample {@code recognizer}. */
  long toStream(long recognizer) {
    var it = anchors.descendingIterator();
    Anchor anchor = null;
    while (it.hasNext()) {
      anchor = it.next();
      if (anchor.recognizer <= recognizer) {
        break;
      }
    }
    return anchor == null ? recognizer : anchor.stream + (recognizer - anchor.recognizer);
  }

  /** Drops anchors no later result can need: results only cover audio from {@code recognizer} on. */
  void forgetBefore(long recognizer) {
    while (anchors.size() > 1) {
      Anchor first = anchors.removeFirst();
      if (anchors.getFirst().recognizer > recognizer) {
        anchors.addFirst(first);
        return;
      }
    }
  }

  /** A new recogniser starts counting from zero. */
  void reset() {
    anchors.clear();
  }
}
