package dev.kizuna.server.transcript;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.db.MongoStore;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw transcripts go after the retention period; younger ones, and other meetings' data, stay. */
class TranscriptRetentionTest {

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private MongoStore store;
  private TranscriptRepository segments;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = await(MongoStore.open(vertx, Optional.empty(), dataDir, "kizuna"));
    segments = new TranscriptRepository(store);
    await(segments.createIndexes());
  }

  @AfterEach
  void close() {
    await(store.close());
    await(vertx.close());
  }

  private static TranscriptSegment spoken(String meetingId, String text, Instant at) {
    return new TranscriptSegment(meetingId, "user-1", ParticipantRole.MEMBER, text, 0, 1_000, 0.9, new JsonArray(), at);
  }

  @Test
  @DisplayName("the sweep deletes segments older than the retention period and keeps the rest")
  void sweepDeletesOnlyExpiredSegments() {
    Instant now = Instant.parse("2026-11-22T09:00:00Z");
    await(segments.insert(spoken("old", "said 31 days ago", now.minus(Duration.ofDays(31)))));
    await(segments.insert(spoken("recent", "said 29 days ago", now.minus(Duration.ofDays(29)))));
    await(segments.insert(spoken("recent", "said today", now)));

    TranscriptRetention retention = new TranscriptRetention(vertx, segments, Duration.ofDays(30),
        Clock.fixed(now, ZoneOffset.UTC));

    assertThat(await(retention.sweep())).isEqualTo(1);
    assertThat(await(segments.forMeeting("old"))).isEmpty();
    assertThat(await(segments.forMeeting("recent"))).extracting(TranscriptSegment::text)
        .containsExactly("said 29 days ago", "said today");
  }
}
