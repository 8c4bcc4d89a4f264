package dev.kizuna.signaling;

import static dev.kizuna.signaling.ParticipantRole.MANAGER;
import static dev.kizuna.signaling.ParticipantRole.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The room protocol of docs/PROTOCOL.md over real WebSockets: a Vert.x HTTP server on a random
 * port serves {@link RoomSocket} with the in-process hub; clients are Vert.x WebSocket clients.
 * Each test uses its own room. "Nothing else arrived" is checked with a later message that must
 * be the next frame, never with a sleep.
 */
class RoomSocketTest {

  private static final Duration TIMEOUT = TestSocket.TIMEOUT;

  private static RoomTestServer server;

  private final List<TestSocket> sockets = new ArrayList<>();
  private String room;

  @BeforeAll
  static void startServer() {
    server = new RoomTestServer();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void newRoom() {
    room = "room-" + UUID.randomUUID();
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(TestSocket::close);
  }

  // ---------------------------------------------------------------- join and presence

  @Test
  void joinIsAnsweredByWelcomeWithIdentityRolePeersIceServersConsentAndAgendaIndex() {
    TestSocket ann = connect(room, "ann", MEMBER);

    JsonObject welcome = ann.join();

    assertThat(welcome.getString("you")).isNotBlank();
    assertThat(welcome.getString("role")).isEqualTo("MEMBER");
    assertThat(welcome.getJsonArray("peers")).isEmpty();
    assertThat(welcome.getJsonArray("iceServers")).isEqualTo(RoomTestServer.iceServersFor("ann"));
    assertThat(welcome.getJsonArray("iceServers")).hasSize(2);
    assertThat(welcome.getJsonObject("consent")).isEqualTo(new JsonObject().put("MEMBER", false).put("MANAGER", false));
    assertThat(welcome.containsKey("agendaIndex")).as("agendaIndex is sent as null").isTrue();
    assertThat(welcome.getValue("agendaIndex")).isNull();
    assertThat(await(server.hub.peers(room))).extracting(Peer::id).containsExactly(welcome.getString("you"));
  }

  @Test
  void secondParticipantSeesTheFirstInPeersAndTheFirstGetsPeerJoinedBeforeTheNewcomersSignal() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = connect("/ws?room=" + room + "&user=bob&role=MANAGER&name=Bob%20B");

    JsonObject welcome = bob.join();
    bob.signal(ann.peerId(), new JsonObject().put("sdp", "offer"));

    assertThat(welcome.getString("role")).isEqualTo("MANAGER");
    assertThat(welcome.getString("you")).isNotEqualTo(ann.peerId());
    assertThat(welcome.getJsonArray("peers")).containsExactly(peerJson(ann.peerId(), "ann", MEMBER, "Name of ann"));
    assertThat(welcome.getJsonArray("iceServers")).isEqualTo(RoomTestServer.iceServersFor("bob"));
    assertThat(ann.expect("peer-joined").getJsonObject("peer"))
        .isEqualTo(peerJson(bob.peerId(), "bob", MANAGER, "Bob B"));
    assertThat(ann.expect("signal").getString("from")).isEqualTo(bob.peerId());
  }

  @Test
  void joiningTwiceIsABadMessageAndIsNotAnnouncedAgain() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    bob.send(new JsonObject().put("type", "join"));
    bob.expectError("bad-message");
    bob.signal(ann.peerId(), new JsonObject().put("n", 1));

    assertThat(ann.next()).as("no second peer-joined before the signal")
        .isEqualTo(signalFrom(bob, new JsonObject().put("n", 1)));
    assertThat(await(server.hub.peers(room))).hasSize(2);
  }

  @Test
  void everythingBeforeJoinGetsNotJoinedAndChangesNothing() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = connect(room, "bob", MANAGER);

    bob.signal(ann.peerId(), new JsonObject().put("sdp", "sneaky"));
    bob.expectError("not-joined");
    bob.send(new JsonObject().put("type", "agenda.current").put("index", 1));
    bob.expectError("not-joined");
    bob.send(new JsonObject().put("type", "consent").put("transcription", true));
    bob.expectError("not-joined");
    bob.send(new JsonObject().put("type", "dance"));
    bob.expectError("not-joined");

    JsonObject welcome = bob.join();
    assertThat(welcome.getJsonObject("consent")).isEqualTo(consent(false, false));
    assertThat(welcome.getValue("agendaIndex")).isNull();
    assertThat(ann.next()).as("the pre-join signal was not relayed")
        .isEqualTo(new JsonObject().put("type", "peer-joined").put("peer", peerJson(bob.peerId(), "bob", MANAGER, "Name of bob")));
  }

  // ---------------------------------------------------------------- signal relay

  @Test
  void signalIsRelayedAsIsWithFromSetByTheServerSoAClientCannotSpoofIt() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");
    JsonObject data = new JsonObject().put("description", new JsonObject().put("type", "offer").put("sdp", "v=0\r\n..."))
        .put("candidates", new JsonArray().add(1).add("two"));

    ann.send(new JsonObject().put("type", "signal").put("to", bob.peerId()).put("from", "mallory").put("data", data));

    assertThat(bob.next()).isEqualTo(new JsonObject().put("type", "signal").put("from", ann.peerId()).put("data", data));
  }

  @Test
  void signalToUnknownPeerGetsErrorAndTheOtherPeerKeepsReceivingSignals() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.signal("no-such-peer", new JsonObject().put("n", 1));
    ann.expectError("unknown-peer");
    ann.signal(ann.peerId(), new JsonObject().put("n", 2));
    ann.expectError("unknown-peer");
    ann.signal(bob.peerId(), new JsonObject().put("n", 3));
    bob.signal(ann.peerId(), new JsonObject().put("n", 4));

    assertThat(bob.next()).isEqualTo(signalFrom(ann, new JsonObject().put("n", 3)));
    assertThat(ann.next()).isEqualTo(signalFrom(bob, new JsonObject().put("n", 4)));
    assertThat(ann.isOpen()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"type\":\"signal\",\"data\":{}}",
      "{\"type\":\"signal\",\"to\":7,\"data\":{}}",
      "{\"type\":\"signal\",\"to\":\"PEER\"}",
      "{\"type\":\"signal\",\"to\":\"PEER\",\"data\":\"v=0\"}",
      "{\"type\":\"signal\",\"to\":\"PEER\",\"data\":[1]}",
      "{\"type\":\"signal\",\"to\":\"PEER\",\"data\":null}"})
  void signalWithoutAStringToAndAnObjectDataIsABadMessageAndIsNotRelayed(String template) {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.sendText(template.replace("PEER", bob.peerId()));
    ann.expectError("bad-message");
    ann.signal(bob.peerId(), new JsonObject().put("ok", true));

    assertThat(bob.next()).isEqualTo(signalFrom(ann, new JsonObject().put("ok", true)));
  }

  // ---------------------------------------------------------------- validation

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`{\"type\":\"join\"`  | bad-json",
      "`not json at all`     | bad-json",
      "`[1,2]`               | bad-json",
      "`[{\"type\":\"join\"}]` | bad-json",
      "`42`                  | bad-json",
      "`\"join\"`            | bad-json",
      "`null`                | bad-json",
      "`{}`                  | bad-message",
      "`{\"type\":7}`        | bad-message",
      "`{\"type\":null}`     | bad-message",
      "`{\"type\":{}}`       | bad-message",
      "`{\"type\":\"dance\"}` | unknown-type"})
  void invalidFrameGetsItsErrorAndTheSocketStaysUsable(String text, String code) {
    TestSocket ann = join(room, "ann", MEMBER);

    ann.sendText(text);
    ann.expectError(code);
    ann.send(new JsonObject().put("type", "consent").put("transcription", true));

    assertThat(ann.next()).isEqualTo(consentFrame(true, false));
    assertThat(ann.isOpen()).isTrue();
  }

  @Test
  void messageOverTheByteLimitIsTooLargeAndNotRelayedWhileOneAtTheLimitPasses() {
    int limit = 200;
    server.limits(room, new RoomLimits(limit, 50, 100));
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    String atLimit = signalOfBytes(bob.peerId(), "x", limit);
    String overLimit = signalOfBytes(bob.peerId(), "x", limit + 1);
    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(limit);
    assertThat(overLimit.getBytes(StandardCharsets.UTF_8)).hasSize(limit + 1);

    ann.sendText(overLimit);
    ann.expectError("too-large");
    ann.sendText(atLimit);

    JsonObject relayed = bob.next();
    assertThat(relayed.getString("from")).isEqualTo(ann.peerId());
    assertThat(relayed.getJsonObject("data").getString("pad")).isEqualTo(new JsonObject(atLimit).getJsonObject("data").getString("pad"));
    assertThat(ann.isOpen()).isTrue();
  }

  @Test
  void multiByteMessageUnderTheLimitInCharsButOverItInUtf8BytesIsTooLarge() {
    int limit = 200;
    server.limits(room, new RoomLimits(limit, 50, 100));
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    // "あ" is 1 UTF-16 char but 3 UTF-8 bytes; the emoji is 2 chars but 4 bytes.
    String kana = signalOfBytes(bob.peerId(), "あ", limit + 2);
    String emoji = signalOfBytes(bob.peerId(), "\uD83D\uDE00", limit + 3);
    String kanaAtLimit = signalOfBytes(bob.peerId(), "あ", limit);
    assertThat(kana.length()).isLessThan(limit);
    assertThat(kana.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(limit);
    assertThat(emoji.length()).isLessThan(limit);
    assertThat(emoji.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(limit);
    assertThat(kanaAtLimit.getBytes(StandardCharsets.UTF_8)).hasSize(limit);

    ann.sendText(kana);
    ann.expectError("too-large");
    ann.sendText(emoji);
    ann.expectError("too-large");
    ann.sendText(kanaAtLimit);

    assertThat(bob.next().getJsonObject("data").getString("pad"))
        .as("the first frame relayed is the one within the limit")
        .isEqualTo(new JsonObject(kanaAtLimit).getJsonObject("data").getString("pad"));
  }

  @Test
  void binaryFrameGetsBinaryUnsupportedAndTheSocketStaysOpen() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.sendBinary(Buffer.buffer(new JsonObject().put("type", "signal").put("to", bob.peerId()).put("data", new JsonObject()).encode()));
    ann.expectError("binary-unsupported");
    ann.signal(bob.peerId(), new JsonObject().put("after", "binary"));

    assertThat(bob.next()).isEqualTo(signalFrom(ann, new JsonObject().put("after", "binary")));
    assertThat(ann.isOpen()).isTrue();
  }

  @Test
  void floodIsRateLimitedWithFarFewerErrorsThanDropsAndNobodyIsCutOff() throws Exception {
    RoomLimits limits = new RoomLimits(64 * 1024, 50, 100);
    server.limits(room, limits);
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");
    int flood = 500;

    for (int i = 0; i < flood; i++) {
      ann.signal(bob.peerId(), new JsonObject().put("seq", i));
    }
    // Bob is not limited by Ann's flood.
    bob.signal(ann.peerId(), new JsonObject().put("from-bob", true));

    // Probe until the limiter has refilled: the probe's answer also proves every flood message
    // before it has been handled (one socket's messages are handled in order).
    int rateLimitErrors = 0;
    boolean bobsSignalArrived = false;
    boolean probeAnswered = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!probeAnswered && System.nanoTime() < deadline) {
      ann.send(new JsonObject().put("type", "probe"));
      for (JsonObject frame = ann.poll(Duration.ofMillis(100)); frame != null; frame = ann.poll(Duration.ofMillis(10))) {
        if (frame.getString("type").equals("signal")) {
          assertThat(frame).isEqualTo(signalFrom(bob, new JsonObject().put("from-bob", true)));
          bobsSignalArrived = true;
        } else if (frame.getString("code").equals("rate-limited")) {
          rateLimitErrors++;
        } else {
          assertThat(frame.getString("code")).isEqualTo("unknown-type");
          probeAnswered = true;
        }
      }
    }
    assertThat(probeAnswered).as("the flooder's socket answers again once the limiter refilled").isTrue();
    assertThat(bobsSignalArrived).isTrue();
    assertThat(ann.isOpen()).isTrue();

    // Everything relayed to Bob is queued before this broadcast.
    await(server.hub.broadcast(room, new JsonObject().put("type", "fence"), ann.peerId()));
    List<Integer> relayed = new ArrayList<>();
    for (JsonObject frame = bob.next(); !frame.getString("type").equals("fence"); frame = bob.next()) {
      relayed.add(frame.getJsonObject("data").getInteger("seq"));
    }
    int dropped = flood - relayed.size();

    assertThat(relayed).as("relayed in order").isSorted().doesNotHaveDuplicates();
    assertThat(relayed.subList(0, limits.burst() - 1)).as("the burst (less the join) passes")
        .containsExactlyElementsOf(IntStream.range(0, limits.burst() - 1).boxed().toList());
    assertThat(dropped).as("dropped messages").isGreaterThan(0);
    assertThat(rateLimitErrors).as("rate-limited errors").isPositive();
    assertThat(rateLimitErrors * 10).as("error frames are far fewer than drops (%d errors, %d dropped)", rateLimitErrors, dropped)
        .isLessThanOrEqualTo(dropped);

    bob.signal(ann.peerId(), new JsonObject().put("still", "working"));
    assertThat(ann.next()).isEqualTo(signalFrom(bob, new JsonObject().put("still", "working")));
    // Ann's bucket may be empty again; her signals get through as soon as it refills.
    JsonObject relayedAfterRefill = null;
    for (int attempt = 0; relayedAfterRefill == null && attempt < 100; attempt++) {
      ann.signal(bob.peerId(), new JsonObject().put("attempt", attempt));
      relayedAfterRefill = bob.poll(Duration.ofMillis(100));
    }
    assertThat(relayedAfterRefill).isNotNull();
    assertThat(relayedAfterRefill.getString("from")).isEqualTo(ann.peerId());
    assertThat(relayedAfterRefill.getJsonObject("data").getInteger("attempt")).isNotNull();
  }

  // ---------------------------------------------------------------- room state

  @Test
  void agendaCurrentIsBroadcastToBothWithFromAndRememberedForLaterJoiners() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.send(new JsonObject().put("type", "agenda.current").put("index", 2));

    JsonObject expected = new JsonObject().put("type", "agenda.current").put("index", 2).put("from", ann.peerId());
    assertThat(ann.next()).isEqualTo(expected);
    assertThat(bob.next()).isEqualTo(expected);

    bob.send(new JsonObject().put("type", "agenda.current").put("index", 0));
    JsonObject fromBob = new JsonObject().put("type", "agenda.current").put("index", 0).put("from", bob.peerId());
    assertThat(ann.next()).isEqualTo(fromBob);
    assertThat(bob.next()).isEqualTo(fromBob);

    TestSocket carol = connect(room, "carol", MANAGER);
    assertThat(carol.join().getInteger("agendaIndex")).isEqualTo(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"type\":\"agenda.current\",\"index\":3}",
      "{\"type\":\"agenda.current\",\"index\":-1}",
      "{\"type\":\"agenda.current\",\"index\":1.5}",
      "{\"type\":\"agenda.current\",\"index\":1.0}",
      "{\"type\":\"agenda.current\",\"index\":\"1\"}",
      "{\"type\":\"agenda.current\",\"index\":true}",
      "{\"type\":\"agenda.current\",\"index\":null}",
      "{\"type\":\"agenda.current\",\"index\":4294967297}",
      "{\"type\":\"agenda.current\"}"})
  void invalidAgendaIndexIsABadMessageAndNothingIsBroadcast(String message) {
    TestSocket ann = join(room, "ann", MEMBER); // agenda of 3 items
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.sendText(message);
    ann.expectError("bad-message");
    ann.send(new JsonObject().put("type", "agenda.current").put("index", 1));

    JsonObject valid = new JsonObject().put("type", "agenda.current").put("index", 1).put("from", ann.peerId());
    assertThat(ann.next()).isEqualTo(valid);
    assertThat(bob.next()).isEqualTo(valid);
    assertThat(await(server.hub.state(room)).agendaIndex()).isEqualTo(1);
  }

  @Test
  void consentIsBroadcastToBothAsTheMergedMapAndIsInALaterJoinersWelcome() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.send(new JsonObject().put("type", "consent").put("transcription", true));
    assertThat(ann.next()).isEqualTo(consentFrame(true, false));
    assertThat(bob.next()).isEqualTo(consentFrame(true, false));

    bob.send(new JsonObject().put("type", "consent").put("transcription", true));
    assertThat(ann.next()).isEqualTo(consentFrame(true, true));
    assertThat(bob.next()).isEqualTo(consentFrame(true, true));

    ann.send(new JsonObject().put("type", "consent").put("transcription", false));
    assertThat(ann.next()).isEqualTo(consentFrame(false, true));
    assertThat(bob.next()).isEqualTo(consentFrame(false, true));

    ann.send(new JsonObject().put("type", "leave"));
    assertThat(ann.awaitClose().code()).isEqualTo((short) 1000);
    bob.expect("peer-left");
    TestSocket annAgain = connect(room, "ann", MEMBER);
    assertThat(annAgain.join().getJsonObject("consent")).isEqualTo(consent(false, true));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"type\":\"consent\"}",
      "{\"type\":\"consent\",\"transcription\":\"yes\"}",
      "{\"type\":\"consent\",\"transcription\":1}",
      "{\"type\":\"consent\",\"transcription\":null}"})
  void consentWithoutABooleanIsABadMessageAndChangesNothing(String message) {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.sendText(message);
    ann.expectError("bad-message");
    bob.send(new JsonObject().put("type", "consent").put("transcription", true));

    assertThat(ann.next()).isEqualTo(consentFrame(false, true));
    assertThat(bob.next()).isEqualTo(consentFrame(false, true));
  }

  // ---------------------------------------------------------------- leaving

  @Test
  void leaveClosesWith1000AndTheOtherGetsPeerLeftAndAfterLeaveRuns() throws Exception {
    RecordingHooks hooks = new RecordingHooks();
    server.hooks(room, hooks);
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.send(new JsonObject().put("type", "leave"));

    assertThat(ann.awaitClose().code()).isEqualTo((short) 1000);
    assertThat(bob.next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", ann.peerId()));
    Peer left = hooks.nextLeft(TIMEOUT);
    assertThat(left).isNotNull();
    assertThat(left.toJson()).isEqualTo(peerJson(ann.peerId(), "ann", MEMBER, "Name of ann"));
    assertThat(await(server.hub.peers(room))).extracting(Peer::id).containsExactly(bob.peerId());
  }

  @Test
  void afterAgendaIndexRunsForAValidChangeOnlyAfterTheRoomHeardOfIt() throws Exception {
    RecordingHooks hooks = new RecordingHooks();
    server.hooks(room, hooks);
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.send(new JsonObject().put("type", "agenda.current").put("index", 7));
    ann.expectError("bad-message");
    bob.send(new JsonObject().put("type", "agenda.current").put("index", 1));

    assertThat(ann.next().getString("type")).isEqualTo("agenda.current");
    assertThat(hooks.nextAgendaChange(TIMEOUT)).as("only the valid change").isEqualTo(bob.peerId() + "->1");
  }

  @Test
  void mediaHooksRunAfterJoinForIceFailedAndForAValidBridgeAnswerWhoseRefusalIsAnError() throws Exception {
    RecordingHooks hooks = new RecordingHooks().bridgeAnswer(sdp -> sdp.contains("bad")
        ? Future.failedFuture(new IllegalArgumentException("the SDP answer lacks a=fingerprint"))
        : sdp.contains("down") ? Future.failedFuture(new IllegalStateException("bridge down")) : Future.succeededFuture());
    server.hooks(room, hooks);
    TestSocket ann = join(room, "ann", MEMBER);
    assertThat(hooks.nextMedia(TIMEOUT)).isEqualTo("join:" + ann.peerId());

    ann.send(new JsonObject().put("type", "ice-failed"));
    assertThat(hooks.nextMedia(TIMEOUT)).isEqualTo("ice-failed:" + ann.peerId());

    ann.send(new JsonObject().put("type", "bridge-answer"));
    ann.expectError("bad-message");
    ann.send(new JsonObject().put("type", "bridge-answer").put("sdp", "o=- 1 1 IN IP4 0.0.0.0"));
    ann.expectError("bad-message");
    ann.send(new JsonObject().put("type", "bridge-answer").put("sdp", "v=0\r\nbad"));
    assertThat(hooks.nextMedia(TIMEOUT)).as("only the answer starting with v=0 reaches the hook")
        .isEqualTo("bridge-answer:" + ann.peerId() + ":v=0\r\nbad");
    assertThat(ann.expectError("bad-message").getString("message")).contains("a=fingerprint");
    ann.send(new JsonObject().put("type", "bridge-answer").put("sdp", "v=0\r\ndown"));
    ann.expectError("bridge-failed");
    ann.send(new JsonObject().put("type", "bridge-answer").put("sdp", "v=0\r\ngood"));
    assertThat(hooks.nextMedia(TIMEOUT)).startsWith("bridge-answer:" + ann.peerId() + ":v=0\r\ndown");
    assertThat(hooks.nextMedia(TIMEOUT)).startsWith("bridge-answer:" + ann.peerId() + ":v=0\r\ngood");
    assertThat(hooks.nextMedia(Duration.ofMillis(200))).isNull();
  }

  @Test
  void aGuestJoinsButItsConsentIsABadMessageAndChangesNothing() {
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket gus = connect(room, "gus", ParticipantRole.GUEST);
    JsonObject welcome = gus.join();
    assertThat(welcome.getString("role")).isEqualTo("GUEST");
    assertThat(welcome.getJsonObject("consent").fieldNames()).containsExactlyInAnyOrder("MEMBER", "MANAGER");
    assertThat(ann.expect("peer-joined").getJsonObject("peer").getString("role")).isEqualTo("GUEST");

    gus.send(new JsonObject().put("type", "consent").put("transcription", true));
    assertThat(gus.expectError("bad-message").getString("message")).contains("guest");
    ann.send(new JsonObject().put("type", "consent").put("transcription", true));
    assertThat(ann.expect("consent").getJsonObject("consent"))
        .isEqualTo(new JsonObject().put("MEMBER", true).put("MANAGER", false));
  }

  @Test
  void afterLeaveRunsWhenTheClientClosesTheSocket() throws Exception {
    RecordingHooks hooks = new RecordingHooks();
    server.hooks(room, hooks);
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");

    ann.close();

    Peer left = hooks.nextLeft(TIMEOUT);
    assertThat(left).isNotNull();
    assertThat(left.id()).isEqualTo(ann.peerId());
    assertThat(bob.next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", ann.peerId()));
    assertThat(await(server.hub.peers(room))).extracting(Peer::id).containsExactly(bob.peerId());
  }

  @Test
  void reconnectOfTheSameUserClosesTheOldSocketWith4409AndTheOtherSeesPeerLeftThenPeerJoined() throws Exception {
    RecordingHooks hooks = new RecordingHooks();
    server.hooks(room, hooks);
    TestSocket oldAnn = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    oldAnn.expect("peer-joined");

    TestSocket newAnn = connect(room, "ann", MEMBER);
    JsonObject welcome = newAnn.join();

    assertThat(oldAnn.awaitClose().code()).isEqualTo(CloseCodes.REPLACED);
    assertThat(welcome.getJsonArray("peers")).containsExactly(peerJson(bob.peerId(), "bob", MANAGER, "Name of bob"));
    assertThat(newAnn.peerId()).isNotEqualTo(oldAnn.peerId());
    assertThat(bob.next()).isEqualTo(new JsonObject().put("type", "peer-left").put("peerId", oldAnn.peerId()));
    assertThat(bob.next()).isEqualTo(new JsonObject().put("type", "peer-joined")
        .put("peer", peerJson(newAnn.peerId(), "ann", MEMBER, "Name of ann")));

    bob.signal(oldAnn.peerId(), new JsonObject().put("to", "old"));
    bob.expectError("unknown-peer");
    bob.signal(newAnn.peerId(), new JsonObject().put("to", "new"));
    assertThat(newAnn.next()).isEqualTo(signalFrom(bob, new JsonObject().put("to", "new")));

    Peer left = hooks.nextLeft(TIMEOUT);
    assertThat(left).as("afterLeave runs for the replaced connection").isNotNull();
    assertThat(left.id()).isEqualTo(oldAnn.peerId());
    assertThat(await(server.hub.peers(room))).extracting(Peer::id).containsExactlyInAnyOrder(bob.peerId(), newAnn.peerId());
  }

  // ---------------------------------------------------------------- hooks and meeting end

  @Test
  void beforeJoinRefusalClosesWithItsCodeAndTheRoomStaysEmpty() {
    server.hooks(room, new RecordingHooks()
        .beforeJoin(peer -> Future.failedFuture(new RoomRefusal(CloseCodes.ENDED, "meeting ended"))));
    TestSocket ann = connect(room, "ann", MEMBER);

    ann.send(new JsonObject().put("type", "join"));

    TestSocket.Close close = ann.awaitClose();
    assertThat(close.code()).isEqualTo(CloseCodes.ENDED);
    assertThat(close.reason()).isEqualTo("meeting ended");
    assertThat(ann.pendingFrames()).as("no welcome before the close").isZero();
    assertThat(await(server.hub.peers(room))).isEmpty();
  }

  @Test
  void beforeJoinFailureGetsJoinFailedAndTheSocketStaysOpenForARetry() {
    AtomicInteger calls = new AtomicInteger();
    RecordingHooks hooks = new RecordingHooks().beforeJoin(peer -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new IllegalStateException("database unavailable"))
        : Future.succeededFuture());
    server.hooks(room, hooks);
    TestSocket ann = connect(room, "ann", MEMBER);

    ann.send(new JsonObject().put("type", "join"));
    ann.expectError("join-failed");
    assertThat(await(server.hub.peers(room))).isEmpty();
    ann.send(new JsonObject().put("type", "signal").put("to", "x").put("data", new JsonObject()));
    ann.expectError("not-joined");

    JsonObject welcome = ann.join();
    assertThat(welcome.getJsonArray("peers")).isEmpty();
    assertThat(hooks.joinAttempts()).isEqualTo(2);
    assertThat(await(server.hub.peers(room))).extracting(Peer::id).containsExactly(ann.peerId());
  }

  @Test
  void meetingEndedIsDeliveredThenEverySocketIsClosedWith4410() throws Exception {
    RecordingHooks hooks = new RecordingHooks();
    server.hooks(room, hooks);
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");
    await(server.hub.updateState(room, s -> s.withAgendaIndex(1)));

    await(server.hub.broadcast(room, new JsonObject().put("type", "meeting.ended"), null));

    for (TestSocket socket : List.of(ann, bob)) {
      assertThat(socket.next()).isEqualTo(new JsonObject().put("type", "meeting.ended"));
      assertThat(socket.awaitClose().code()).isEqualTo(CloseCodes.ENDED);
    }
    assertThat(List.of(hooks.nextLeft(TIMEOUT), hooks.nextLeft(TIMEOUT))).extracting(Peer::id)
        .containsExactlyInAnyOrder(ann.peerId(), bob.peerId());
    assertThat(await(server.hub.peers(room))).isEmpty();
    assertThat(await(server.hub.state(room))).isEqualTo(RoomState.EMPTY);
  }

  @Test
  void twoRoomsDoNotSeeEachOthersTrafficEvenWithTheSameUsers() {
    String otherRoom = "room-" + UUID.randomUUID();
    TestSocket ann = join(room, "ann", MEMBER);
    TestSocket bob = join(room, "bob", MANAGER);
    ann.expect("peer-joined");
    TestSocket ann2 = connect(otherRoom, "ann", MEMBER);
    JsonObject welcome2 = ann2.join();
    TestSocket bob2 = join(otherRoom, "bob", MANAGER);
    ann2.expect("peer-joined");

    assertThat(welcome2.getJsonArray("peers")).as("the other room starts empty").isEmpty();
    ann.signal(bob2.peerId(), new JsonObject().put("cross", true));
    ann.expectError("unknown-peer");
    ann.send(new JsonObject().put("type", "agenda.current").put("index", 2));
    ann.send(new JsonObject().put("type", "consent").put("transcription", true));
    ann2.send(new JsonObject().put("type", "agenda.current").put("index", 1));

    JsonObject agenda2 = new JsonObject().put("type", "agenda.current").put("index", 1).put("from", ann2.peerId());
    assertThat(bob2.next()).isEqualTo(agenda2);
    assertThat(ann2.next()).isEqualTo(agenda2);
    assertThat(bob.expect("agenda.current").getInteger("index")).isEqualTo(2);
    assertThat(bob.next()).isEqualTo(consentFrame(true, false));
    assertThat(ann.isOpen()).as("no 4409 across rooms").isTrue();
    assertThat(ann2.isOpen()).isTrue();
    assertThat(await(server.hub.state(otherRoom)).consent()).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private TestSocket connect(String roomId, String user, ParticipantRole role) {
    return track(server.connect(roomId, user, role));
  }

  private TestSocket connect(String uri) {
    return track(server.connect(uri));
  }

  private TestSocket join(String roomId, String user, ParticipantRole role) {
    TestSocket socket = connect(roomId, user, role);
    socket.join();
    return socket;
  }

  private TestSocket track(TestSocket socket) {
    sockets.add(socket);
    return socket;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject peerJson(String id, String userId, ParticipantRole role, String name) {
    return new JsonObject().put("id", id).put("userId", userId).put("role", role.name()).put("name", name);
  }

  private static JsonObject signalFrom(TestSocket sender, JsonObject data) {
    return new JsonObject().put("type", "signal").put("from", sender.peerId()).put("data", data);
  }

  private static JsonObject consent(boolean member, boolean manager) {
    return new JsonObject().put("MEMBER", member).put("MANAGER", manager);
  }

  private static JsonObject consentFrame(boolean member, boolean manager) {
    return new JsonObject().put("type", "consent").put("consent", consent(member, manager));
  }

  /** A signal to {@code to} whose encoding is exactly {@code bytes} UTF-8 bytes, padded with {@code unit}. */
  private static String signalOfBytes(String to, String unit, int bytes) {
    String prefix = "{\"type\":\"signal\",\"to\":\"" + to + "\",\"data\":{\"pad\":\"";
    String suffix = "\"}}";
    int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
    int padBytes = bytes - prefix.length() - suffix.length();
    String pad = unit.repeat(padBytes / unitBytes) + "x".repeat(padBytes % unitBytes);
    return prefix + pad + suffix;
  }
}
