package dev.kizuna.server.media;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kizuna.server.media.colibri2.Colibri2Client;
import dev.kizuna.server.media.colibri2.Colibri2Exception;
import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.MediaSource;
import dev.kizuna.server.testing.FakeBridge;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The colibri2 client against an in-test HTTP server answering with the representative bridge
 * payloads of {@code src/test/resources/colibri2/}: what it sends (method, path, JSON fields) and
 * what it reads back, and its errors.
 */
class Colibri2ClientTest {

  private Vertx vertx;
  private FakeBridge bridge;
  private Colibri2Client client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    bridge = FakeBridge.start(vertx);
    client = Colibri2Client.create(vertx, URI.create(bridge.url() + "/"), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    bridge.close();
    await(vertx.close());
  }

  @Test
  @DisplayName("creating a conference POSTs meeting-id, create and one ICE-controlled endpoint per id with the codecs, and reads each endpoint's transport")
  void createConference() {
    Map<String, IceTransport> transports = await(client.createConference("m-1", "kizuna-m-1", List.of("peer-a", "peer-b"),
        BridgeCodecs.DEFAULT));

    FakeBridge.Request request = bridge.next();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/colibri/v2/conferences");
    JsonObject body = request.body();
    assertThat(body.getString("meeting-id")).isEqualTo("m-1");
    assertThat(body.getBoolean("create")).isTrue();
    JsonArray endpoints = body.getJsonArray("endpoints");
    assertThat(endpoints.stream().map(e -> ((JsonObject) e).getString("id"))).containsExactly("peer-a", "peer-b");
    JsonObject first = endpoints.getJsonObject(0);
    assertThat(first.getBoolean("create")).isTrue();
    assertThat(first.getJsonObject("transport").getBoolean("ice-controlling")).isTrue();
    JsonObject audio = first.getJsonArray("medias").getJsonObject(0);
    assertThat(audio.getString("type")).isEqualTo("audio");
    JsonObject opus = audio.getJsonArray("payload-types").getJsonObject(0);
    assertThat(opus.getString("name")).isEqualTo("opus");
    assertThat(opus.getString("id")).isEqualTo("111");
    assertThat(opus.getString("clockrate")).isEqualTo("48000");
    assertThat(opus.getJsonObject("parameters").getString("useinbandfec")).isEqualTo("1");
    assertThat(opus.getJsonArray("rtcp-fbs").getJsonObject(0).getString("type")).isEqualTo("transport-cc");
    JsonObject video = first.getJsonArray("medias").getJsonObject(1);
    assertThat(video.getJsonArray("payload-types").stream().map(p -> ((JsonObject) p).getString("name")))
        .containsExactly("VP8", "rtx");
    assertThat(video.getJsonArray("rtp-hdrexts").getJsonObject(0).getString("uri"))
        .isEqualTo("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");

    JsonObject expected = FakeBridge.transportOf("conference-create-response.json", 1);
    IceTransport b = transports.get("peer-b");
    assertThat(b.ufrag()).isEqualTo(expected.getString("ufrag"));
    assertThat(b.pwd()).isEqualTo(expected.getString("pwd"));
    assertThat(b.rtcpMux()).isTrue();
    assertThat(b.fingerprints()).singleElement().satisfies(f -> {
      assertThat(f.hash()).isEqualTo("sha-256");
      assertThat(f.setup()).isEqualTo("actpass");
      assertThat(f.fingerprint()).isEqualTo(expected.getJsonArray("fingerprints").getJsonObject(0).getString("fingerprint"));
    });
    assertThat(b.candidates()).hasSize(2);
    IceTransport.Candidate srflx = b.candidates().get(1);
    assertThat(srflx.type()).isEqualTo("srflx");
    assertThat(srflx.ip()).isEqualTo("198.51.100.20");
    assertThat(srflx.port()).isEqualTo(10000);
    assertThat(srflx.priority()).isEqualTo(1694498815L);
    assertThat(srflx.relAddr()).isEqualTo("192.0.2.10");
    assertThat(transports.get("peer-a").ufrag()).isNotEqualTo(b.ufrag());
  }

  @Test
  @DisplayName("adding an endpoint, updating it with the browser's transport and sources, and expiring PATCH the conference")
  void patches() {
    Map<String, IceTransport> added = await(client.addEndpoints("m 2", List.of("peer-c"), BridgeCodecs.DEFAULT));
    FakeBridge.Request add = bridge.next();
    assertThat(add.method()).isEqualTo("PATCH");
    assertThat(add.path()).isEqualTo("/colibri/v2/conferences/m+2");
    assertThat(add.body().containsKey("create")).isFalse();
    assertThat(add.body().getJsonArray("endpoints").getJsonObject(0).getBoolean("create")).isTrue();
    assertThat(added.get("peer-c").ufrag())
        .isEqualTo(FakeBridge.transportOf("endpoint-create-response.json", 0).getString("ufrag"));

    IceTransport browser = new IceTransport("ufr", "pwd-of-browser", true,
        List.of(new IceTransport.Fingerprint("sha-256", "AA:BB", "active")),
        List.of(new IceTransport.Candidate("1", 1, "udp", 2122260223L, "127.0.0.1", 50000, "host", null, 0, 0)));
    MediaSource video = new MediaSource("video", "peer-c-v0",
        List.of(new MediaSource.Source(11L, "peer-c-v0", "s t"), new MediaSource.Source(12L, "peer-c-v0", "s t")),
        List.of(new MediaSource.SsrcGroup("FID", List.of(11L, 12L))));
    await(client.updateEndpoint("m 2", "peer-c", browser, List.of(video)));
    JsonObject update = bridge.next().body();
    assertThat(update.getString("meeting-id")).isEqualTo("m 2");
    JsonObject endpoint = update.getJsonArray("endpoints").getJsonObject(0);
    assertThat(endpoint.getString("id")).isEqualTo("peer-c");
    JsonObject transport = endpoint.getJsonObject("transport").getJsonObject("transport");
    assertThat(transport.getString("xmlns")).isEqualTo("urn:xmpp:jingle:transports:ice-udp:1");
    assertThat(transport.getString("ufrag")).isEqualTo("ufr");
    assertThat(transport.getJsonArray("fingerprints").getJsonObject(0).getString("setup")).isEqualTo("active");
    assertThat(transport.getJsonArray("candidates").getJsonObject(0).getString("ip")).isEqualTo("127.0.0.1");
    JsonObject source = endpoint.getJsonArray("sources").getJsonObject(0);
    assertThat(source.getString("id")).isEqualTo("peer-c-v0");
    assertThat(source.getJsonArray("sources").getJsonObject(1).getLong("ssrc")).isEqualTo(12L);
    assertThat(source.getJsonArray("ssrc-groups").getJsonObject(0).getString("semantics")).isEqualTo("FID");

    await(client.expireEndpoint("m 2", "peer-c"));
    JsonObject expireEndpoint = bridge.next().body().getJsonArray("endpoints").getJsonObject(0);
    assertThat(expireEndpoint).isEqualTo(new JsonObject().put("id", "peer-c").put("expire", true));

    await(client.expireConference("m 2"));
    FakeBridge.Request expire = bridge.next();
    assertThat(expire.path()).isEqualTo("/colibri/v2/conferences/m+2");
    assertThat(expire.body()).isEqualTo(new JsonObject().put("meeting-id", "m 2").put("expire", true));
  }

  @Test
  @DisplayName("a refusal from the bridge fails with its status and body")
  void refusal() {
    bridge.failWith(404);
    Colibri2Exception e = failure(() -> await(client.expireConference("gone")));
    assertThat(e.status()).isEqualTo(404);
    assertThat(e).hasMessageContaining("404").hasMessageContaining("Conference not found");
  }

  @Test
  @DisplayName("a bridge that does not answer in time fails the call with status 0")
  void timeout() {
    bridge.silent();
    Colibri2Client quick = Colibri2Client.create(vertx, URI.create(bridge.url()), Duration.ofMillis(300));
    Colibri2Exception e = failure(() -> await(quick.createConference("m-3", "n", List.of("a"), BridgeCodecs.DEFAULT)));
    assertThat(e.status()).isZero();
    assertThat(e).hasMessageContaining("no answer from the bridge");
  }

  @Test
  @DisplayName("an answer without a requested endpoint's transport is an error, not a half allocation")
  void missingEndpoint() {
    // The endpoint template holds one endpoint; asking for two leaves the second without a transport.
    assertThat(failure(() -> await(client.addEndpoints("m-4", List.of("x", "y"), BridgeCodecs.DEFAULT))))
        .hasMessageContaining("no transport for endpoint y");
  }

  /** The {@link Colibri2Exception} {@code call} fails with, wherever it sits in the cause chain. */
  private static Colibri2Exception failure(Runnable call) {
    Throwable e = catchThrowable(call::run);
    while (e != null && !(e instanceof Colibri2Exception)) {
      e = e.getCause();
    }
    assertThat(e).as("a Colibri2Exception").isNotNull();
    return (Colibri2Exception) e;
  }
}
