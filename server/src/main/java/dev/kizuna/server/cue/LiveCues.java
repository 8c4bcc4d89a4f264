package dev.kizuna.server.cue;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.cluster.ClusterEvents;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.hint.Hint;
import dev.kizuna.server.hint.HintRepository;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.transcript.TranscriptObserver;
import dev.kizuna.server.transcript.TranscriptSegment;
import dev.kizuna.server.user.User;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live hints for the manager, plugged into the room ({@link RoomHooks}) and the transcript
 * ({@link TranscriptObserver}): when the current agenda item changes, that item's cell hints;
 * on each final segment, the behavioural cues of {@link CueDetector}, rate-limited. Hints go
 * to the manager's sockets only ({@link RoomHub#sendTo}), never to the member's, and each is
 * recorded in {@link ShownHints} so that the manager can mark it helpful.
 *
 * <p>Several nodes: a room's coach runs on the node where the manager's room socket is, since the
 * detectors need both speakers' segments. A node without the manager passes its segments and
 * agenda choices to the others as {@link ClusterEvents}; the node with the manager takes them in.
 */
public final class LiveCues implements RoomHooks, TranscriptObserver {

  private static final Logger LOG = LoggerFactory.getLogger(LiveCues.class);
  private static final String SEGMENT_EVENT = "cue.segment";
  private static final String AGENDA_EVENT = "cue.agenda";

  private final RoomHub hub;
  private final MeetingRepository meetings;
  private final UserRepository users;
  private final HintRepository hints;
  private final ShownHints shown;
  private final Clock clock;
  private final Map<String, Future<RoomCoach>> rooms = new ConcurrentHashMap<>();
  /** Per room, the manager's peer ids connected to this node. */
  private final Map<String, Set<String>> localManagers = new ConcurrentHashMap<>();
  private final ClusterEvents events;

  /** @param events where segments and agenda choices go when the room's manager is on another node */
  public LiveCues(RoomHub hub, MeetingRepository meetings, UserRepository users, HintRepository hints,
      ShownHints shown, Clock clock, ClusterEvents events) {
    this.hub = hub;
    this.meetings = meetings;
    this.users = users;
    this.hints = hints;
    this.shown = shown;
    this.clock = clock;
    this.events = events;
    events.subscribe(SEGMENT_EVENT, json -> {
      TranscriptSegment segment = TranscriptSegment.fromEvent(json);
      if (managerHere(segment.meetingId())) {
        coachOn(segment);
      }
    });
    events.subscribe(AGENDA_EVENT, json -> {
      String roomId = json.getString("roomId");
      if (managerHere(roomId)) {
        choose(roomId, json.getInteger("index")).onFailure(e -> LOG.warn("live cues of room {} failed", roomId, e));
      }
    });
  }

  @Override
  public void spoken(TranscriptSegment segment) {
    if (managerHere(segment.meetingId())) {
      coachOn(segment);
    } else {
      events.publish(SEGMENT_EVENT, segment.toEvent());
    }
  }

  private void coachOn(TranscriptSegment segment) {
    String roomId = segment.meetingId();
    coach(roomId)
        .compose(coach -> hub.state(roomId).compose(state -> {
          int before = coach.currentIndex();
          List<LiveHint> cues = coach.onSpoken(segment, state.agendaIndex(), nowMs(coach));
          Future<Void> itemHints = coach.currentIndex() != before ? showItemHints(roomId, coach) : Future.succeededFuture();
          return itemHints.compose(v -> show(roomId, coach, cues));
        }))
        .onFailure(e -> LOG.warn("live cues of room {} failed", roomId, e));
  }

  @Override
  public Future<Void> beforeJoin(String roomId, Peer peer) {
    if (peer.role() == ParticipantRole.MANAGER) {
      localManagers.computeIfAbsent(roomId, id -> ConcurrentHashMap.newKeySet()).add(peer.id());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> afterAgendaIndex(String roomId, Peer peer, int index) {
    if (managerHere(roomId)) {
      return choose(roomId, index);
    }
    events.publish(AGENDA_EVENT, new JsonObject().put("roomId", roomId).put("index", index));
    return Future.succeededFuture();
  }

  private Future<Void> choose(String roomId, int index) {
    return coach(roomId).compose(coach -> coach.choose(index, nowMs(coach))
        ? showItemHints(roomId, coach)
        : Future.succeededFuture());
  }

  private boolean managerHere(String roomId) {
    Set<String> managers = localManagers.get(roomId);
    return managers != null && !managers.isEmpty();
  }

  @Override
  public Future<Void> afterLeave(String roomId, Peer peer) {
    localManagers.computeIfPresent(roomId, (id, managers) -> {
      managers.remove(peer.id());
      return managers.isEmpty() ? null : managers;
    });
    return hub.peers(roomId).map(peers -> {
      if (peers.isEmpty()) {
        rooms.remove(roomId);
      }
      return null;
    });
  }

  private Future<RoomCoach> coach(String roomId) {
    Future<RoomCoach> coach = rooms.computeIfAbsent(roomId, this::load);
    return coach.onFailure(e -> rooms.remove(roomId, coach));
  }

  private Future<RoomCoach> load(String roomId) {
    return meetings.findById(roomId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("no such meeting " + roomId));
      }
      Meeting meeting = found.get();
      return locale(meeting.memberId()).compose(memberLanguage -> locale(meeting.managerId())
          .map(managerLanguage -> new RoomCoach(meeting, memberLanguage, managerLanguage)));
    });
  }

  private Future<String> locale(String userId) {
    return users.findById(userId).map(user -> user.map(User::locale).orElse("en"));
  }

  /** Milliseconds since the meeting started, the time base of transcript segments. */
  private long nowMs(RoomCoach coach) {
    Instant started = Optional.ofNullable(coach.meeting().startedAt()).orElseGet(clock::instant);
    return Duration.between(started, clock.instant()).toMillis();
  }

  private Future<Void> showItemHints(String roomId, RoomCoach coach) {
    int index = coach.currentIndex();
    AgendaItem item = coach.meeting().agenda().items().get(index);
    return hints.forCells(List.of(List.of(item.topic().name(), item.expectation().name())), coach.managerLanguage())
        .compose(cell -> show(roomId, coach, cell.stream()
            .map(h -> itemHint(h, item, index))
            .toList()));
  }

  private static LiveHint itemHint(Hint hint, AgendaItem item, int index) {
    return new LiveHint(Ids.next(), "item", null, hint.key(), hint.text(), item.topic(), item.expectation(),
        "current-item=" + index);
  }

  private Future<Void> show(String roomId, RoomCoach coach, List<LiveHint> toShow) {
    if (toShow.isEmpty()) {
      return Future.succeededFuture();
    }
    return hub.peers(roomId).compose(peers -> {
      List<Peer> managers = peers.stream().filter(p -> p.role() == ParticipantRole.MANAGER).toList();
      if (managers.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<Void> all = Future.succeededFuture();
      for (LiveHint hint : toShow) {
        all = all.compose(v -> shown.record(roomId, coach.meeting().managerId(), hint, clock.instant()))
            .compose(v -> Future.all(managers.stream().map(m -> hub.sendTo(roomId, m.id(), hint.toMessage())).toList()))
            .mapEmpty();
      }
      return all;
    });
  }
}
