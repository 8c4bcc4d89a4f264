package dev.kizuna.server.analytics;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.meeting.MeetingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the meetings held in a time window from {@code meetings}, joined in the database to the
 * unit of each pair's member in {@code users} (one aggregation: {@code $match}, {@code $lookup},
 * {@code $unwind}, {@code $project}); a meeting whose member is gone counts as without unit.
 */
public final class MeetingActivity {

  private final MongoClient mongo;

  public MeetingActivity(MongoStore store) {
    this.mongo = store.client();
  }

  /** Ended meetings held in {@code [from, to)}: started in it, or, never started, ended in it. */
  public Future<List<HeldMeeting>> held(Instant from, Instant to) {
    JsonObject range = new JsonObject().put("$gte", MongoDates.toMongo(from)).put("$lt", MongoDates.toMongo(to));
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject()
            .put("status", MeetingStatus.ENDED.name())
            .put("$or", new JsonArray()
                .add(new JsonObject().put("startedAt", range))
                .add(new JsonObject().put("startedAt", new JsonObject().put("$exists", false)).put("endedAt", range)))))
        .add(new JsonObject().put("$lookup", new JsonObject()
            .put("from", "users").put("localField", "memberId").put("foreignField", "_id").put("as", "member")))
        .add(new JsonObject().put("$unwind", new JsonObject().put("path", "$member").put("preserveNullAndEmptyArrays", true)))
        .add(new JsonObject().put("$project", new JsonObject()
            .put("pairId", 1).put("startedAt", 1).put("endedAt", 1).put("agenda.items", 1).put("member.unit", 1)));
    return mongo.aggregate("meetings", pipeline).collect(Collectors.mapping(MeetingActivity::read, Collectors.toList()));
  }

  private static HeldMeeting read(JsonObject doc) {
    String unit = doc.getJsonObject("member", new JsonObject()).getString("unit", "");
    Instant started = MongoDates.fromMongo(doc.getValue("startedAt"));
    List<AgendaItem> items = doc.getJsonObject("agenda", new JsonObject()).getJsonArray("items", new JsonArray())
        .stream().map(o -> AgendaItem.fromJson((JsonObject) o)).toList();
    return new HeldMeeting(doc.getString("pairId"), unit,
        started != null ? started : MongoDates.fromMongo(doc.getValue("endedAt")), items);
  }
}
