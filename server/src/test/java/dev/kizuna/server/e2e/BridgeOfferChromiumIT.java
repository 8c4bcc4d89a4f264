package dev.kizuna.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.media.BridgeCodecs;
import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.MediaSource;
import dev.kizuna.server.media.sdp.BridgeOffer;
import dev.kizuna.server.media.sdp.BrowserAnswer;
import dev.kizuna.server.testing.FakeBridge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium takes the SDP offer Kizuna builds from a colibri2 allocation (the
 * representative bridge payload): {@code web-client/e2e/bridge-offer.mjs} sets it as the remote
 * description, sends a track on each of its own m-sections, answers, and the answer reads back
 * into colibri2 transport and sources. No bridge exists here, so no media flows; the script runs in
 * a loopback-only network namespace so that ICE checks towards the offer's candidates go nowhere.
 */
class BridgeOfferChromiumIT {

  private static final Duration LIMIT = Duration.ofMinutes(1);

  @Test
  @DisplayName("Chromium accepts the server-built bridge offer and its answer maps back to colibri2")
  void chromiumAnswersTheOffer() throws IOException, InterruptedException {
    Path webClient = Path.of(System.getProperty("kizuna.webClientDir")).toAbsolutePath().normalize();
    IceTransport bridge = IceTransport.fromJson(FakeBridge.transportOf("conference-create-response.json", 0));
    List<MediaSource> other = List.of(
        new MediaSource("audio", "peer-b-a0", List.of(new MediaSource.Source(1111L, "peer-b-a0", "sb ta")), List.of()),
        new MediaSource("video", "peer-b-v0",
            List.of(new MediaSource.Source(2222L, "peer-b-v0", "sb tv"), new MediaSource.Source(3333L, "peer-b-v0", "sb tv")),
            List.of(new MediaSource.SsrcGroup("FID", List.of(2222L, 3333L)))));
    Path offer = Files.createTempFile("kizuna-bridge-offer", ".sdp");
    Path answer = Files.createTempFile("kizuna-bridge-answer", ".sdp");
    Path log = Files.createTempFile("kizuna-bridge-offer", ".log");
    Files.writeString(offer, BridgeOffer.build(7, 1, bridge, BridgeCodecs.DEFAULT,
        List.of(new BridgeOffer.Slot("peer-b", other), new BridgeOffer.Slot("peer-c", List.of()))));

    Process process = new ProcessBuilder("unshare", "-n", "sh", "-c",
        "ip link set lo up && exec node e2e/bridge-offer.mjs \"$0\" \"$1\"", offer.toString(), answer.toString())
        .directory(webClient.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within " + LIMIT + "; output:\n" + output).isTrue();
    assertThat(process.exitValue()).as("exit code; output:\n" + output).isZero();
    assertThat(output).contains("PASS").contains("2:audio:recvonly 3:video:recvonly");

    BrowserAnswer parsed = BrowserAnswer.parse(Files.readString(answer), "peer-a");
    assertThat(parsed.transport().fingerprints()).singleElement()
        .satisfies(f -> assertThat(f.setup()).isEqualTo("active"));
    assertThat(parsed.sources()).extracting(MediaSource::id).containsExactly("peer-a-a0", "peer-a-v0");
    assertThat(parsed.sources().get(1).groups()).singleElement()
        .satisfies(g -> assertThat(g.semantics()).isEqualTo("FID"));
  }
}
