package dev.kizuna.server.transcript;

import dev.kizuna.server.cluster.ClusterEvents;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.transcription.Transcriber;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live transcription of this node's rooms, plugged into the room as {@link RoomHooks}: each
 * consent change is recorded and applied, and a participant who leaves has its last words
 * flushed. The meeting's language is the member's locale.
 *
 * <p>Several nodes: each node transcribes the speakers connected to it, and needs both sides'
 * consent; a consent given on one node reaches the others as a {@link ClusterEvents} event.
 */
public final class LiveTranscription implements RoomHooks {

  private static final String CONSENT_EVENT = "transcription.consent";

  private final Transcriber transcriber;
  private final RoomHub hub;
  private final ConsentLog consents;
  private final TranscriptRepository segments;
  private final MeetingRepository meetings;
  private final UserRepository users;
  private final Clock clock;
  private final TranscriptObserver observer;
  private final Map<String, Future<RoomTranscription>> rooms = new ConcurrentHashMap<>();
  private final ClusterEvents events;

  /**
   * @param observer hears every stored final segment (the live cues)
   * @param events consent changes to and from the other nodes
   */
  public LiveTranscription(Transcriber transcriber, RoomHub hub, ConsentLog consents, TranscriptRepository segments,
      MeetingRepository meetings, UserRepository users, Clock clock, TranscriptObserver observer,
      ClusterEvents events) {
    this.transcriber = transcriber;
    this.hub = hub;
    this.consents = consents;
    this.segments = segments;
    this.meetings = meetings;
    this.users = users;
    this.clock = clock;
    this.observer = observer;
    this.events = events;
    events.subscribe(CONSENT_EVENT, json -> {
      Future<RoomTranscription> room = rooms.get(json.getString("roomId"));
      if (room != null) {
        room.onSuccess(r -> r.consent(ParticipantRole.valueOf(json.getString("role")), json.getBoolean("given")));
      }
    });
  }

  @Override
  public Future<Void> afterConsent(String roomId, Peer peer, boolean given) {
    return consents.record(new ConsentLog.Entry(roomId, peer.userId(), peer.role(), given, clock.instant()))
        .compose(v -> room(roomId))
        .map(room -> {
          room.consent(peer.role(), given);
          events.publish(CONSENT_EVENT, new JsonObject().put("roomId", roomId).put("role", peer.role().name())
              .put("given", given));
          return null;
        });
  }

  @Override
  public Future<Void> afterLeave(String roomId, Peer peer) {
    Future<RoomTranscription> room = rooms.get(roomId);
    if (room == null) {
      return Future.succeededFuture();
    }
    return room.compose(r -> r.leave(peer.userId()))
        .compose(v -> hub.peers(roomId))
        .map(peers -> {
          if (peers.isEmpty()) {
            rooms.remove(roomId, room);
          }
          return null;
        });
  }

  /** The room's transcription, set up on first use from the meeting and the room's consent. */
  Future<RoomTranscription> room(String roomId) {
    Future<RoomTranscription> room = rooms.computeIfAbsent(roomId, this::load);
    return room.onFailure(e -> rooms.remove(roomId, room));
  }

  private Future<RoomTranscription> load(String roomId) {
    return meetings.findById(roomId).compose(meeting -> {
      if (meeting.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("no such meeting " + roomId));
      }
      Meeting m = meeting.get();
      return users.findById(m.memberId())
          .map(member -> member.map(User::locale).orElse("en"))
          .compose(language -> hub.state(roomId).map(state -> {
            RoomTranscription r = new RoomTranscription(roomId,
                Optional.ofNullable(m.startedAt()).orElseGet(clock::instant), language, transcriber, hub, segments, clock,
                observer);
            state.consent().forEach(r::consent);
            return r;
          }));
    });
  }
}
