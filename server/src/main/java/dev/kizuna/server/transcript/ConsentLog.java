package dev.kizuna.server.transcript;

import dev.kizuna.server.db.Ids;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/**
 * The {@code transcription_consents} collection: every time a participant gave or withdrew
 * consent to transcription, with the time, append-only, as the record of what was agreed.
 */
public final class ConsentLog {

  /** One change of a participant's consent. */
  public record Entry(String meetingId, String userId, ParticipantRole role, boolean transcription, Instant at) {

    public JsonObject toJson() {
      return new JsonObject().put("userId", userId).put("role", role.name()).put("transcription", transcription)
          .put("at", at.toString());
    }
  }

  private static final String COLLECTION = "transcription_consents";

  private final MongoStore store;
  private final MongoClient mongo;

  public ConsentLog(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1).put("at", 1));
  }

  /** Appends an entry; completes once it is durable. */
  public Future<Void> record(Entry entry) {
    JsonObject doc = new JsonObject()
        .put("_id", Ids.next())
        .put("meetingId", entry.meetingId())
        .put("userId", entry.userId())
        .put("role", entry.role().name())
        .put("transcription", entry.transcription())
        .put("at", MongoDates.toMongo(entry.at()))
        .put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable());
  }

  /** The meeting's entries, oldest first. */
  public Future<List<Entry>> forMeeting(String meetingId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("meetingId", meetingId),
            new FindOptions().setSort(new JsonObject().put("at", 1)))
        .map(docs -> docs.stream().map(d -> new Entry(d.getString("meetingId"), d.getString("userId"),
            ParticipantRole.valueOf(d.getString("role")), d.getBoolean("transcription"),
            MongoDates.fromMongo(d.getValue("at")))).toList());
  }
}
