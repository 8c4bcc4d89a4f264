package dev.kizuna.transcription.recognition;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.kizuna.transcription.models.VoskLibrary;
import java.util.Map;
import org.vosk.LibVosk;
import org.vosk.Recognizer;

/**
 * A recogniser's JSON results, always decoded as UTF-8. Vosk's own {@code Recognizer.getResult()}
 * lets JNA decode them with the platform charset, which on Java 17 follows the locale: under
 * {@code LANG=C} Japanese words would turn into question marks.
 */
final class VoskText {

  static {
    VoskLibrary.load();
    // the instance LibVosk registered (same name and options), not a second copy of the library
    NativeLibrary vosk = NativeLibrary.getInstance(Platform.isWindows() ? "libvosk" : "vosk",
        Map.of(Library.OPTION_CLASSLOADER, LibVosk.class.getClassLoader()));
    Native.register(VoskText.class, vosk);
  }

  private VoskText() {}

  /** The utterance that {@code acceptWaveForm} just ended. */
  static String result(Recognizer recognizer) {
    return utf8(vosk_recognizer_result(recognizer.getPointer()));
  }

  /** The utterance in progress so far. */
  static String partialResult(Recognizer recognizer) {
    return utf8(vosk_recognizer_partial_result(recognizer.getPointer()));
  }

  /** Ends the utterance in progress and returns it. */
  static String finalResult(Recognizer recognizer) {
    return utf8(vosk_recognizer_final_result(recognizer.getPointer()));
  }

  private static String utf8(Pointer json) {
    return json.getString(0, "UTF-8");
  }

  private static native Pointer vosk_recognizer_result(Pointer recognizer);

  private static native Pointer vosk_recognizer_partial_result(Pointer recognizer);

  private static native Pointer vosk_recognizer_final_result(Pointer recognizer);
}
