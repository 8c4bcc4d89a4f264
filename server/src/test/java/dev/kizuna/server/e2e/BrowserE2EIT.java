package dev.kizuna.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser end-to-end test {@code web-client/e2e/room.e2e.mjs} against the built fat
 * jar: two headless Chromium contexts (fake camera and microphone) log in as member and
 * manager, set and read the agenda, join the room and check from {@code getStats()} that
 * video frames are decoded and audio packets received both ways, also after a reload.
 *
 * <p>Server and browsers run in a private network namespace whose only interface is loopback
 * ({@code unshare -n}), so WebRTC may use 127.0.0.1 and no traffic leaves the machine
 * (shared/design/FACTS.md). The Node script makes the assertions; this test fails unless it
 * exits 0, and shows its output.
 */
class BrowserE2EIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);

  @Test
  @DisplayName("member and manager set and read the agenda, then see and hear each other, also after a reload")
  void pairHoldsAVideoOneOnOne() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("kizuna.jar")).toAbsolutePath();
    Path webClient = Path.of(System.getProperty("kizuna.webClientDir")).toAbsolutePath().normalize();
    assertThat(jar).exists();
    Path log = Files.createTempFile("kizuna-e2e", ".log");
    ProcessBuilder builder = new ProcessBuilder("unshare", "-n", "sh", "-c",
        "ip link set lo up && exec node e2e/room.e2e.mjs")
        .directory(webClient.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KIZUNA_JAR", jar.toString());
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
