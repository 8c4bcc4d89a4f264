package dev.kizuna.server.meeting;

import dev.kizuna.server.agenda.Agenda;
import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code meetings} collection, agenda embedded. Status changes are conditional updates,
 * so concurrent requests cannot move a meeting backwards (e.g. edit the agenda of a live one).
 */
public final class MeetingRepository {

  private static final String COLLECTION = "meetings";
  /** Most meetings a listing returns. */
  public static final int LIST_LIMIT = 200;

  private final MongoStore store;
  private final MongoClient mongo;

  public MeetingRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("memberId", 1).put("scheduledAt", -1))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("managerId", 1).put("scheduledAt", -1)))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("pairId", 1).put("scheduledAt", -1)))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("guests.id", 1).put("scheduledAt", -1)));
  }

  public Future<Meeting> insert(Meeting meeting) {
    return mongo.insert(COLLECTION, toDocument(meeting)).compose(id -> store.durable()).map(meeting);
  }

  public Future<Optional<Meeting>> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(d -> Optional.ofNullable(d).map(MeetingRepository::fromDocument));
  }

  /** Meetings where {@code userId} is member or manager, newest {@code scheduledAt} first. */
  public Future<List<Meeting>> forUser(String userId) {
    return find(new JsonArray()
        .add(new JsonObject().put("memberId", userId))
        .add(new JsonObject().put("managerId", userId)));
  }

  /** Meetings where {@code userId} is member, manager or the invited guest, newest {@code scheduledAt} first. */
  public Future<List<Meeting>> forParticipant(String userId) {
    return find(new JsonArray()
        .add(new JsonObject().put("memberId", userId))
        .add(new JsonObject().put("managerId", userId))
        .add(new JsonObject().put("guests.id", userId)));
  }

  private Future<List<Meeting>> find(JsonArray anyOf) {
    JsonObject query = new JsonObject().put("$or", anyOf);
    FindOptions options = new FindOptions().setSort(new JsonObject().put("scheduledAt", -1)).setLimit(LIST_LIMIT);
    return mongo.findWithOptions(COLLECTION, query, options)
        .map(docs -> docs.stream().map(MeetingRepository::fromDocument).toList());
  }

  /** Replaces the agenda if the meeting is still {@code PLANNED}; {@code false} otherwise. */
  public Future<Boolean> replaceAgendaIfPlanned(String id, Agenda agenda) {
    JsonObject set = new JsonObject().put("agenda", agendaDocument(agenda));
    return conditionalSet(id, new JsonObject().put("status", MeetingStatus.PLANNED.name()), set);
  }

  /** {@code PLANNED -> LIVE} with {@code startedAt}; {@code false} if it was not planned. */
  public Future<Boolean> markLive(String id, Instant at) {
    JsonObject set = new JsonObject().put("status", MeetingStatus.LIVE.name()).put("startedAt", MongoDates.toMongo(at));
    return conditionalSet(id, new JsonObject().put("status", MeetingStatus.PLANNED.name()), set);
  }

  /** Any status but {@code ENDED} -> {@code ENDED} with {@code endedAt}; {@code false} if already ended. */
  public Future<Boolean> end(String id, Instant at) {
    JsonObject set = new JsonObject().put("status", MeetingStatus.ENDED.name()).put("endedAt", MongoDates.toMongo(at));
    return conditionalSet(id, new JsonObject().put("status", new JsonObject().put("$ne", MeetingStatus.ENDED.name())), set);
  }

  private Future<Boolean> conditionalSet(String id, JsonObject condition, JsonObject set) {
    JsonObject filter = condition.copy().put("_id", id);
    return mongo.updateCollection(COLLECTION, filter, new JsonObject().put("$set", set))
        .compose(result -> store.durable().map(result.getDocMatched() > 0));
  }

  /** Replaces the guests unless the meeting has ended; {@code false} if it has. */
  public Future<Boolean> replaceGuestsUnlessEnded(String id, List<Meeting.Guest> guests) {
    return conditionalSet(id, new JsonObject().put("status", new JsonObject().put("$ne", MeetingStatus.ENDED.name())),
        new JsonObject().put("guests", guestsDocument(guests)));
  }

  private static JsonArray guestsDocument(List<Meeting.Guest> guests) {
    return new JsonArray(guests.stream().map(Meeting.Guest::toJson).toList());
  }

  /** Records the memo documents of a meeting stored before memos existed (only if still unset). */
  public Future<Boolean> setMemoIfAbsent(String id, Meeting.MemoIds memo) {
    return conditionalSet(id, new JsonObject().put("memo", new JsonObject().put("$exists", false)),
        new JsonObject().put("memo", memoDocument(memo)));
  }

  private static JsonObject memoDocument(Meeting.MemoIds memo) {
    return new JsonObject()
        .put("shared", memo.shared())
        .put("memberNotes", memo.memberNotes())
        .put("managerNotes", memo.managerNotes());
  }

  private static JsonObject agendaDocument(Agenda agenda) {
    JsonObject doc = new JsonObject().put("items", new JsonArray(agenda.items().stream().map(AgendaItem::toJson).toList()));
    if (agenda.updatedAt() != null) {
      doc.put("updatedAt", MongoDates.toMongo(agenda.updatedAt()));
    }
    return doc;
  }

  private static JsonObject toDocument(Meeting m) {
    JsonObject doc = new JsonObject()
        .put("_id", m.id())
        .put("pairId", m.pairId())
        .put("memberId", m.memberId())
        .put("managerId", m.managerId())
        .put("memberName", m.memberName())
        .put("managerName", m.managerName())
        .put("scheduledAt", MongoDates.toMongo(m.scheduledAt()))
        .put("durationMinutes", m.durationMinutes())
        .put("status", m.status().name())
        .put("agenda", agendaDocument(m.agenda()))
        .put("createdAt", MongoDates.toMongo(m.createdAt()))
        .put("schemaVersion", 1);
    if (m.startedAt() != null) {
      doc.put("startedAt", MongoDates.toMongo(m.startedAt()));
    }
    if (m.endedAt() != null) {
      doc.put("endedAt", MongoDates.toMongo(m.endedAt()));
    }
    if (m.memo() != null) {
      doc.put("memo", memoDocument(m.memo()));
    }
    doc.put("guests", guestsDocument(m.guests()));
    return doc;
  }

  private static Meeting fromDocument(JsonObject doc) {
    JsonObject agendaDoc = doc.getJsonObject("agenda", new JsonObject());
    List<AgendaItem> items = agendaDoc.getJsonArray("items", new JsonArray()).stream()
        .map(o -> AgendaItem.fromJson((JsonObject) o))
        .toList();
    return new Meeting(
        doc.getString("_id"),
        doc.getString("pairId"),
        doc.getString("memberId"),
        doc.getString("managerId"),
        doc.getString("memberName"),
        doc.getString("managerName"),
        MongoDates.fromMongo(doc.getValue("scheduledAt")),
        doc.getInteger("durationMinutes"),
        MeetingStatus.valueOf(doc.getString("status")),
        new Agenda(items, MongoDates.fromMongo(agendaDoc.getValue("updatedAt"))),
        MongoDates.fromMongo(doc.getValue("startedAt")),
        MongoDates.fromMongo(doc.getValue("endedAt")),
        MongoDates.fromMongo(doc.getValue("createdAt")),
        Optional.ofNullable(doc.getJsonObject("memo"))
            .map(m -> new Meeting.MemoIds(m.getString("shared"), m.getString("memberNotes"), m.getString("managerNotes")))
            .orElse(null),
        doc.getJsonArray("guests", new JsonArray()).stream()
            .map(o -> (JsonObject) o)
            .map(g -> new Meeting.Guest(g.getString("id"), g.getString("name")))
            .toList());
  }
}
