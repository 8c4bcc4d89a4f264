package dev.kizuna.server.meeting;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.memo.MemoService;
import dev.kizuna.server.pair.Pair;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.RoomHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Meeting routes: plan, list, read, set the agenda, read the memo, end. Only the pair sees a meeting. */
public final class MeetingRoutes {

  private final MeetingRepository meetings;
  private final PairRepository pairs;
  private final RoomHub hub;
  private final MemoService memos;
  private final PairGate gate;
  private final MeetingEndListener afterEnd;

  /**
   * @param afterEnd told after a meeting ends (e.g. summarisation); the end answer does not wait for it
   */
  public MeetingRoutes(MeetingRepository meetings, PairRepository pairs, RoomHub hub, MemoService memos,
      MeetingEndListener afterEnd) {
    this.meetings = meetings;
    this.pairs = pairs;
    this.hub = hub;
    this.memos = memos;
    this.gate = new PairGate(meetings);
    this.afterEnd = afterEnd;
  }

  /** {@code POST /api/meetings}: either party plans a meeting of their pair. */
  public void create(RoutingContext ctx) {
    User caller = CurrentUser.of(ctx);
    JsonObject body = Responses.body(ctx);
    Instant scheduledAt;
    try {
      scheduledAt = Instant.parse(body.getString("scheduledAt"));
    } catch (DateTimeParseException e) {
      ctx.fail(HttpProblem.badRequest("scheduledAt must be an ISO-8601 UTC time such as 2026-12-01T09:00:00Z"));
      return;
    }
    int duration = body.getInteger("durationMinutes");
    Future<JsonObject> created = pairs.findById(body.getString("pairId")).compose(pair -> {
      if (pair.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no such pair"));
      }
      if (!pair.get().includes(caller.id())) {
        return Future.failedFuture(HttpProblem.forbidden("only the pair plans its meetings"));
      }
      Meeting meeting = plan(pair.get(), scheduledAt, duration);
      return meetings.insert(meeting).map(m -> m.toJson(m.roleOf(caller.id()).orElseThrow()));
    });
    Responses.json(ctx, 201, created);
  }

  /** A new planned meeting of {@code pair} with an empty agenda. */
  public static Meeting plan(Pair pair, Instant scheduledAt, int durationMinutes) {
    return new Meeting(Ids.next(), pair.id(), pair.memberId(), pair.managerId(), pair.memberName(), pair.managerName(),
        MongoDates.storable(scheduledAt), durationMinutes, MeetingStatus.PLANNED, Agenda.EMPTY, null, null,
        MongoDates.storable(Instant.now()), null, List.of());
  }

  /**
   * {@code GET /api/meetings}: the caller's meetings as member or manager, and those they are the
   * guest of in the guest's view ({@link Meeting#toGuestJson()}).
   */
  public void list(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    Responses.ok(ctx, () -> meetings.forParticipant(me)
        .map(list -> new JsonArray(list.stream().map(m -> viewFor(m, me)).toList())));
  }

  /**
   * {@code GET /api/meetings/{id}}: for the pair with the memo's document URLs (the memo is created
   * on first use); for the guest only the guest's view.
   */
  public void get(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    Responses.ok(ctx, () -> gate.meetingForPairOrGuest(Responses.pathParam(ctx, "id"), me)
        .compose(m -> m.roleOf(me).isPresent() ? memos.ensureMemo(m).map(withMemo -> viewFor(withMemo, me))
            : Future.succeededFuture(m.toGuestJson())));
  }

  /** The pair's view for {@code userId}'s side, else the guest's view. */
  private static JsonObject viewFor(Meeting meeting, String userId) {
    return meeting.roleOf(userId).map(meeting::toJson).orElseGet(meeting::toGuestJson);
  }

  /** {@code GET /api/meetings/{id}/memo}: the shared memo as JSON and plain text in the caller's language. */
  public void memo(RoutingContext ctx) {
    Locale locale = Locale.forLanguageTag(CurrentUser.of(ctx).locale());
    Responses.ok(ctx, () -> load(ctx).compose(m -> memos.render(m, locale)));
  }

  /** {@code PUT /api/meetings/{id}/agenda}: the member replaces the agenda while the meeting is planned. */
  public void putAgenda(RoutingContext ctx) {
    Agenda agenda;
    try {
      List<AgendaItem> items = Responses.body(ctx).getJsonArray("items").stream()
          .map(o -> AgendaItem.fromJson((JsonObject) o))
          .toList();
      agenda = new Agenda(items, Instant.now());
    } catch (IllegalArgumentException e) {
      ctx.fail(HttpProblem.badRequest(e.getMessage()));
      return;
    }
    Responses.ok(ctx, () -> load(ctx).compose(meeting -> {
      if (meeting.roleOf(CurrentUser.of(ctx).id()).orElseThrow() != ParticipantRole.MEMBER) {
        return Future.failedFuture(HttpProblem.forbidden("the member owns the agenda"));
      }
      return meetings.replaceAgendaIfPlanned(meeting.id(), agenda).compose(replaced -> replaced
          ? memos.followAgenda(meeting, agenda).compose(v -> reload(meeting.id(), ParticipantRole.MEMBER))
          : Future.failedFuture(HttpProblem.conflict("the agenda can change only before the meeting starts")));
    }));
  }

  /**
   * {@code POST /api/meetings/{id}/end}: either party ends it; the room is told and closed, and the
   * end listener (summarisation) is started without being waited for.
   */
  public void end(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    Responses.ok(ctx, () -> load(ctx).compose(meeting -> meetings.end(meeting.id(), Instant.now())
        .compose(changed -> (changed
            ? hub.broadcast(meeting.id(), new JsonObject().put("type", "meeting.ended"), null)
            : Future.<Void>succeededFuture())
            .compose(v -> meetings.findById(meeting.id()))
            .map(stored -> {
              Meeting ended = stored.orElseThrow();
              if (changed) {
                afterEnd.ended(ended);
              }
              return ended.toJson(meeting.roleOf(me).orElseThrow());
            }))));
  }

  private Future<JsonObject> reload(String id, ParticipantRole viewer) {
    return meetings.findById(id).map(m -> m.orElseThrow().toJson(viewer));
  }

  /** The meeting of the path, if the caller is one of its pair: 404 unknown, 403 someone else's. */
  private Future<Meeting> load(RoutingContext ctx) {
    return gate.meetingFor(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id());
  }
}
