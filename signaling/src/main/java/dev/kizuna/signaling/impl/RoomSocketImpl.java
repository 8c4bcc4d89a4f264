package dev.kizuna.signaling.impl;

import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.PeerInbox;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomLimits;
import dev.kizuna.signaling.RoomRefusal;
import dev.kizuna.signaling.RoomSession;
import dev.kizuna.signaling.RoomState;
import io.github.bucket4j.Bucket;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One room socket's protocol state machine: not joined, joined, closed. */
public final class RoomSocketImpl implements PeerInbox {

  private static final Logger LOG = LoggerFactory.getLogger(RoomSocketImpl.class);
  private static final long ERROR_REPORT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final ServerWebSocket socket;
  private final RoomSession session;
  private final RoomHub hub;
  private final RoomHooks hooks;
  private final RoomLimits limits;
  private final Bucket bucket;
  private final Peer peer;
  private boolean joining;
  private boolean joined;
  private boolean closed;
  private long lastRateErrorNanos = Long.MIN_VALUE;

  public RoomSocketImpl(ServerWebSocket socket, RoomSession session, RoomHub hub, RoomHooks hooks, RoomLimits limits) {
    this.socket = socket;
    this.session = session;
    this.hub = hub;
    this.hooks = hooks;
    this.limits = limits;
    this.bucket = Bucket.builder()
        .addLimit(limit -> limit.capacity(limits.burst()).refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)))
        .build();
    this.peer = new Peer(UUID.randomUUID().toString(), session.userId(), session.role(), session.name());
  }

  public void start() {
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> {
      if (admit()) {
        sendError("binary-unsupported", "the room socket takes JSON text frames only");
      }
    });
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.debug("room socket error room={} peer={}", session.roomId(), peer.id(), e));
  }

  private void onText(String text) {
    if (!admit()) {
      return;
    }
    if (tooLarge(text)) {
      sendError("too-large", "messages are limited to " + limits.maxMessageBytes() + " bytes");
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      sendError("bad-json", "a message must be one JSON object");
      return;
    }
    Object type = message.getValue("type");
    if (!(type instanceof String t)) {
      sendError("bad-message", "a message needs a string field 'type'");
      return;
    }
    if (!joined && !t.equals("join") && !t.equals("leave")) {
      sendError("not-joined", "send {\"type\":\"join\"} first");
      return;
    }
    switch (t) {
      case "join" -> onJoin();
      case "signal" -> onSignal(message);
      case "agenda.current" -> onAgendaCurrent(message);
      case "consent" -> onConsent(message);
      case "ice-failed" -> hooks.afterIceFailed(session.roomId(), peer)
          .onFailure(e -> LOG.warn("ice-failed hook failed in room {}", session.roomId(), e));
      case "bridge-answer" -> onBridgeAnswer(message);
      case "leave" -> socket.close((short) 1000, "left");
      default -> sendError("unknown-type", "unknown message type '" + t + "'");
    }
  }

  private void onJoin() {
    if (joined || joining) {
      sendError("bad-message", "already joined");
      return;
    }
    joining = true;
    // Composed on a completed future so that a hook which throws fails the join, not the socket.
    Future.succeededFuture()
        .compose(v -> hooks.beforeJoin(session.roomId(), peer))
        .compose(v -> hub.enter(session.roomId(), peer, this))
        .compose(peers -> hub.state(session.roomId()).map(state -> welcome(peers, state)))
        .onSuccess(welcome -> {
          joining = false;
          joined = true;
          if (closed) {
            leaveHub();
          } else {
            socket.writeTextMessage(welcome.encode());
            hooks.afterJoin(session.roomId(), peer)
                .onFailure(e -> LOG.warn("join hook failed in room {}", session.roomId(), e));
          }
        })
        .onFailure(e -> {
          joining = false;
          if (e instanceof RoomRefusal refusal) {
            socket.close(refusal.closeCode(), refusal.getMessage());
          } else {
            LOG.warn("join failed room={} user={}", session.roomId(), session.userId(), e);
            sendError("join-failed", "could not join the room, try again");
          }
        });
  }

  private JsonObject welcome(List<Peer> peers, RoomState state) {
    return new JsonObject()
        .put("type", "welcome")
        .put("you", peer.id())
        .put("role", peer.role().name())
        .put("peers", new JsonArray(peers.stream().map(Peer::toJson).toList()))
        .put("iceServers", session.iceServers())
        .put("consent", state.consentJson())
        .put("transcription", state.transcription())
        .put("agendaIndex", state.agendaIndex());
  }

  private void onSignal(JsonObject message) {
    Object to = message.getValue("to");
    Object data = message.getValue("data");
    if (!(to instanceof String target) || !(data instanceof JsonObject payload)) {
      sendError("bad-message", "signal needs a string 'to' and an object 'data'");
      return;
    }
    if (target.equals(peer.id())) {
      sendError("unknown-peer", "cannot signal yourself");
      return;
    }
    JsonObject relay = new JsonObject().put("type", "signal").put("from", peer.id()).put("data", payload);
    hub.sendTo(session.roomId(), target, relay).onSuccess(found -> {
      if (!found) {
        sendError("unknown-peer", "no peer '" + target + "' in this room");
      }
    });
  }

  private void onAgendaCurrent(JsonObject message) {
    Object index = message.getValue("index");
    if (!(index instanceof Integer n) || n < 0 || n >= session.agendaSize()) {
      sendError("bad-message", "agenda.current needs an integer 'index' from 0 to " + (session.agendaSize() - 1));
      return;
    }
    hub.updateState(session.roomId(), s -> s.withAgendaIndex(n))
        .compose(s -> hub.broadcast(session.roomId(),
            new JsonObject().put("type", "agenda.current").put("index", n).put("from", peer.id()), null))
        .compose(v -> hooks.afterAgendaIndex(session.roomId(), peer, n))
        .onFailure(e -> LOG.warn("agenda hook failed in room {}", session.roomId(), e));
  }

  private void onBridgeAnswer(JsonObject message) {
    Object sdp = message.getValue("sdp");
    if (!(sdp instanceof String text) || !text.startsWith("v=0")) {
      sendError("bad-message", "bridge-answer needs a string 'sdp' holding an SDP answer (starting with v=0)");
      return;
    }
    hooks.afterBridgeAnswer(session.roomId(), peer, text).onFailure(e -> {
      if (e instanceof IllegalArgumentException) {
        sendError("bad-message", e.getMessage());
      } else {
        LOG.warn("bridge answer failed room={} peer={}", session.roomId(), peer.id(), e);
        sendError("bridge-failed", "the media bridge did not take the answer, try again");
      }
    });
  }

  private void onConsent(JsonObject message) {
    Object given = message.getValue("transcription");
    if (!(given instanceof Boolean consent)) {
      sendError("bad-message", "consent needs a boolean 'transcription'");
      return;
    }
    if (!ParticipantRole.PAIR.contains(peer.role())) {
      sendError("bad-message", "only the pair consents to transcription; a guest is not transcribed");
      return;
    }
    ParticipantRole role = peer.role();
    hub.updateState(session.roomId(), s -> s.withConsent(role, consent))
        .compose(s -> hooks.afterConsent(session.roomId(), peer, consent)
            .recover(e -> {
              LOG.warn("consent hook failed in room {}", session.roomId(), e);
              return Future.succeededFuture();
            })
            .compose(v -> hub.broadcast(session.roomId(),
                new JsonObject().put("type", "consent").put("consent", s.consentJson()), null)));
  }

  @Override
  public void deliver(JsonObject message) {
    if (closed) {
      return;
    }
    socket.writeTextMessage(message.encode());
    if ("meeting.ended".equals(message.getString("type"))) {
      socket.close(CloseCodes.ENDED, "meeting ended");
    }
  }

  @Override
  public void evict(short closeCode, String reason) {
    if (joined) {
      // The hub already removed this peer (exit is then a no-op), but afterLeave must still run.
      leaveHub();
    }
    if (!closed) {
      socket.close(closeCode, reason);
    }
  }

  private void onClosed() {
    closed = true;
    if (joined) {
      leaveHub();
    }
  }

  private void leaveHub() {
    joined = false;
    Future<Void> exit = hub.exit(session.roomId(), peer.id());
    exit.compose(v -> hooks.afterLeave(session.roomId(), peer))
        .onFailure(e -> LOG.warn("leave hook failed room={} peer={}", session.roomId(), peer.id(), e));
  }

  /** Takes one token; past the rate, reports at most one error a second and drops the message. */
  private boolean admit() {
    if (bucket.tryConsume(1)) {
      return true;
    }
    long now = System.nanoTime();
    if (lastRateErrorNanos == Long.MIN_VALUE || now - lastRateErrorNanos >= ERROR_REPORT_INTERVAL_NANOS) {
      lastRateErrorNanos = now;
      sendError("rate-limited", "too many messages; at most " + limits.messagesPerSecond() + " per second");
    }
    return false;
  }

  private void sendError(String code, String text) {
    if (!closed) {
      socket.writeTextMessage(new JsonObject().put("type", "error").put("code", code).put("message", text).encode());
    }
  }

  /** Whether {@code text} exceeds the limit in UTF-8 bytes; encodes only when it could. */
  private boolean tooLarge(String text) {
    int max = limits.maxMessageBytes();
    if (text.length() > max) {
      return true;
    }
    // A UTF-16 char never needs more than 3 UTF-8 bytes.
    return (long) text.length() * 3 > max && text.getBytes(StandardCharsets.UTF_8).length > max;
  }
}
