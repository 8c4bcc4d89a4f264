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

/** The {@code transcript_segments} collection: final segments per meeting, in speaking order. */
public final class TranscriptRepository {

  private static final String COLLECTION = "transcript_segments";

  private final MongoStore store;
  private final MongoClient mongo;

  public TranscriptRepository(MongoStore store) {
    this.store = store;
    this.mongo = store.client();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(COLLECTION, new JsonObject().put("meetingId", 1).put("startMs", 1))
        .compose(v -> mongo.createIndex(COLLECTION, new JsonObject().put("spokenAt", 1)));
  }

  /** Stores a segment; completes once it is durable. */
  public Future<Void> insert(TranscriptSegment segment) {
    JsonObject doc = new JsonObject()
        .put("_id", Ids.next())
        .put("meetingId", segment.meetingId())
        .put("speakerId", segment.speakerId())
        .put("role", segment.role().name())
        .put("text", segment.text())
        .put("startMs", segment.startMs())
        .put("endMs", segment.endMs())
        .put("confidence", segment.confidence())
        .put("words", segment.words())
        .put("spokenAt", MongoDates.toMongo(segment.spokenAt()))
        .put("schemaVersion", 1);
    return mongo.insert(COLLECTION, doc).compose(id -> store.durable());
  }

  /** The meeting's segments by start time; segments starting together in the order they were stored. */
  public Future<List<TranscriptSegment>> forMeeting(String meetingId) {
    return mongo.findWithOptions(COLLECTION, new JsonObject().put("meetingId", meetingId),
            new FindOptions().setSort(new JsonObject().put("startMs", 1).put("spokenAt", 1)))
        .map(docs -> docs.stream().map(TranscriptRepository::fromDocument).toList());
  }

  /** Deletes every segment stored before {@code cutoff}; returns how many. */
  public Future<Long> deleteSpokenBefore(Instant cutoff) {
    JsonObject query = new JsonObject().put("spokenAt", new JsonObject().put("$lt", MongoDates.toMongo(cutoff)));
    return mongo.removeDocuments(COLLECTION, query)
        .compose(result -> store.durable().map(result == null ? 0L : result.getRemovedCount()));
  }

  private static TranscriptSegment fromDocument(JsonObject d) {
    return new TranscriptSegment(d.getString("meetingId"), d.getString("speakerId"),
        ParticipantRole.valueOf(d.getString("role")), d.getString("text"), d.getLong("startMs"), d.getLong("endMs"),
        d.getDouble("confidence"), d.getJsonArray("words"), MongoDates.fromMongo(d.getValue("spokenAt")));
  }
}
