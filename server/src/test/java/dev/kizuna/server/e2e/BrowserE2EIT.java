package dev.kizuna.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.transcription.SpeechClips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the browser end-to-end tests of {@code web-client/e2e/} against the built fat jar, each
 * with two headless Chromium contexts (fake camera and microphone) logged in as member and
 * manager. {@code room.e2e.mjs}: agenda set and read, both join the room, and
 * {@code getStats()} shows video frames decoded and audio packets received both ways, also
 * after a reload. {@code memo.e2e.mjs}: both edit the shared memo live and offline.
 * {@code transcript.e2e.mjs}: a speech clip as the member's microphone is transcribed live for
 * the manager once both consent, and the stored transcript matches the clip.
 * {@code feedback.e2e.mjs}: the member rates an ended meeting in the browser, the manager reflects,
 * and the manager's insights page shows the cell only once 3 answers from 2 members are released.
 * {@code analytics.e2e.mjs}: the member answers the monthly pulse; two managers get released
 * meeting feedback; the admin's analytics page loads Chart.js on demand, draws the 1on1s and the
 * meeting satisfaction per unit, and lists the managers' strengths and weaknesses without naming one.
 * {@code sharing.e2e.mjs}: the member creates a read-only link in the Share panel and an HR user's
 * browser reads the memo on the shared page; the view shows up in the member's audit log.
 * {@code bridge.e2e.mjs}: with {@code KIZUNA_MEDIA_MODE=auto} and an in-test colibri2 bridge, the
 * member invites a guest on the meeting page, the pair meet peer to peer, the guest opens the
 * guest's room from the home page and the three rooms switch to the bridge; each browser answers
 * the server's offer and its transport and sources reach the bridge (no Jitsi Videobridge runs
 * here, so no media flows through it).
 * {@code multinode.e2e.mjs}: its own Redis, the standalone database ({@code DatabaseServer}) and two
 * nodes from the jar sharing them; the member's browser uses node 1, the manager's node 2: video is
 * decoded both ways, each sees the other's memo typing, and the member's speech shows live in the
 * manager's transcript.
 *
 * <p>Server and browsers run in a private network namespace whose only interface is loopback
 * ({@code unshare -n}), so WebRTC may use 127.0.0.1 and no traffic leaves the machine
 * (shared/design/FACTS.md); nothing of this JVM (nor the Redis on 127.0.0.1:6379) is reachable
 * from there, so a script starts whatever it needs. The Node script makes the assertions; this
 * test fails unless it exits 0, and shows its output.
 */
class BrowserE2EIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"room.e2e.mjs", "memo.e2e.mjs", "transcript.e2e.mjs", "hints.e2e.mjs", "analytics.e2e.mjs",
      "sharing.e2e.mjs", "feedback.e2e.mjs", "bridge.e2e.mjs", "multinode.e2e.mjs"})
  @DisplayName("browser end-to-end scenario passes")
  void scenarioPasses(String script) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("kizuna.jar")).toAbsolutePath();
    Path webClient = Path.of(System.getProperty("kizuna.webClientDir")).toAbsolutePath().normalize();
    assertThat(jar).exists();
    Path log = Files.createTempFile("kizuna-e2e", ".log");
    ProcessBuilder builder = new ProcessBuilder("unshare", "-n", "sh", "-c",
        "ip link set lo up && exec node e2e/" + script)
        .directory(webClient.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KIZUNA_JAR", jar.toString());
    builder.environment().put("KIZUNA_SPEECH_WAV", SpeechClips.clip("en_jfk_ask_not.wav").file().toString());
    builder.environment().put("KIZUNA_MONOLOGUE_WAV", SpeechClips.clip("en_librivox_sonnet001.wav").file().toString());
    Process process = builder.start();
    boolean finished = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(finished).as("e2e finished within " + LIMIT).isTrue();
    assertThat(process.exitValue()).as("e2e exit code; output:\n" + output).isZero();
    assertThat(output).contains("PASS").doesNotContain("FAIL");
  }
}
