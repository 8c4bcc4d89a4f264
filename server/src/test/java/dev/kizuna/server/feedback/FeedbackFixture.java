package dev.kizuna.server.feedback;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.KizunaNode;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/** Steps the feedback (and analytics) tests share, all through the HTTP API of a node that releases every 200 ms. */
public final class FeedbackFixture {

  /** The release interval of the test nodes. */
  public static final String RELEASE_MS = "200";

  /** A member paired with a manager, logged in. */
  public record Member(Account account, Api api, String pairId) {}

  private final KizunaNode node;

  public FeedbackFixture(KizunaNode node) {
    this.node = node;
  }

  public Member memberOf(Account manager, String name) {
    Account member = node.createUser(name, "en", new String[] {"MEMBER"});
    String pairId = node.createPair(manager.id(), member.id()).getString("id");
    return new Member(member, node.login(member), pairId);
  }

  /** A meeting of the member's pair with {@code cells} ({@code [topic, expectation]}) as agenda, ended. */
  public String endedMeeting(Member member, List<Cell> cells) {
    String id = plannedMeeting(member, cells);
    var ended = member.api().post("/api/meetings/" + id + "/end", null);
    assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
    return id;
  }

  String plannedMeeting(Member member, List<Cell> cells) {
    String id = createMeeting(member.api(), member.pairId()).getString("id");
    JsonArray items = new JsonArray(cells.stream().map(c -> new JsonObject().put("topic", c.topic().name())
        .put("expectation", c.expectation().name())).toList());
    var agenda = member.api().put("/api/meetings/" + id + "/agenda", new JsonObject().put("items", items));
    assertThat(agenda.statusCode()).as(agenda.bodyAsString()).isEqualTo(200);
    return id;
  }

  /** The body rating item i with {@code ratings[i]}, "good" texts as given (null: none). */
  public static JsonObject feedback(int[] ratings, String[] good, boolean share) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < ratings.length; i++) {
      JsonObject item = new JsonObject().put("index", i).put("rating", ratings[i]);
      if (good != null && good[i] != null) {
        item.put("good", good[i]);
      }
      items.add(item);
    }
    return new JsonObject().put("items", items).put("shareAsHint", share);
  }

  public void submit(Member member, String meetingId, JsonObject body) {
    var response = member.api().post("/api/meetings/" + meetingId + "/feedback", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** Waits until two more release runs have finished, so one started after everything sent so far. */
  public void awaitRelease() {
    Counter runs = node.registry().find("kizuna.feedback.release.runs").counter();
    double start = runs.count();
    Await.until("two feedback release runs", Duration.ofSeconds(15), runs::count, n -> n >= start + 2);
  }

  static JsonObject insights(Api manager) {
    var response = manager.get("/api/me/insights");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static JsonObject cell(JsonObject insights, Cell cell) {
    return insights.getJsonArray("cells").stream().map(o -> (JsonObject) o)
        .filter(c -> c.getString("topic").equals(cell.topic().name())
            && c.getString("expectation").equals(cell.expectation().name()))
        .findFirst().orElseThrow();
  }

  static JsonArray communityHints(Api api) {
    var response = api.get("/api/hints?kind=COMMUNITY");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }
}
