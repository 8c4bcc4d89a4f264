package dev.kizuna.server.memo;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.ChildClient;
import dev.kizuna.server.testing.ChildNode;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memo on the embedded default database, in a server process killed with SIGKILL: what the
 * server acknowledged survives, and a client that reconnects to the restarted server with its
 * own copy (and offline edits) duplicates nothing.
 */
class MemoDurabilityTest {

  private Vertx vertx;
  private WebClient web;

  @BeforeEach
  void clients() {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    NodeClient.prewarm(2);
  }

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  @DisplayName("an acknowledged memo edit survives kill -9, and a reconnecting client's copy is merged once")
  void acknowledgedEditsSurviveKill9AndRestartDuplicatesNothing(@TempDir Path dataDir) throws Exception {
    int port = Integer.parseInt(KizunaNode.freePort());
    String memberEmail = "memo.member@kizuna.test";
    String managerEmail = "memo.manager@kizuna.test";
    String meetingId;
    DocumentId memo;
    JsonObject memoBefore;
    ChildNode first = ChildNode.start(dataDir, port);
    NodeClient member;
    try {
      ChildClient admin = new ChildClient(web, port).login(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD);
      String managerId = admin.create("/api/users", user(managerEmail, "Memo Manager", "MANAGER")).getString("id");
      String memberId = admin.create("/api/users", user(memberEmail, "Memo Member", "MEMBER")).getString("id");
      String pairId = admin.create("/api/pairs",
          new JsonObject().put("managerId", managerId).put("memberId", memberId).put("kind", "LINE")).getString("id");
      ChildClient memberApi = new ChildClient(web, port).login(memberEmail, KizunaNode.PASSWORD);
      meetingId = memberApi.create("/api/meetings", new JsonObject().put("pairId", pairId)
          .put("scheduledAt", "2031-07-01T09:00:00Z").put("durationMinutes", 30)).getString("id");
      JsonObject agenda = new JsonObject().put("items", new JsonArray()
          .add(new JsonObject().put("topic", "WORK").put("expectation", "ADVICE"))
          .add(new JsonObject().put("topic", "CAREER").put("expectation", "LISTEN")));
      assertThat(memberApi.put("/api/meetings/" + meetingId + "/agenda", agenda).statusCode()).isEqualTo(200);
      memo = DocumentId.fromUrl(memberApi.get("/api/meetings/" + meetingId).bodyAsJsonObject()
          .getJsonObject("memo").getString("documentUrl")).orElseThrow();
      member = NodeClient.connect("member", "ws://127.0.0.1:" + port + "/ws/memo?access_token=" + memberApi.accessToken());
      member.find(memo);

      member.type(memo, "free", 0, "ship the release");
      member.waitAcknowledged(memo);
      first.kill();

      assertThat(first.process.exitValue()).as("killed by SIGKILL, no shutdown hook").isEqualTo(137);
    } finally {
      first.kill();
    }
    try {
      // offline while the server is down: merged once it is back
      member.type(memo, "free", "ship the release".length(), " on Friday");

      ChildNode second = ChildNode.start(dataDir, port);
      try {
        member.waitAcknowledged(memo);
        ChildClient managerApi = new ChildClient(web, port).login(managerEmail, KizunaNode.PASSWORD);
        JsonObject meeting = managerApi.get("/api/meetings/" + meetingId).bodyAsJsonObject();
        assertThat(meeting.getJsonObject("memo").getString("documentUrl")).isEqualTo(memo.url());
        try (NodeClient manager = NodeClient.connect("manager",
            "ws://127.0.0.1:" + port + "/ws/memo?access_token=" + managerApi.accessToken())) {
          assertThat(manager.find(memo).getJsonObject("doc").getString("free")).isEqualTo("ship the release on Friday");
        }
        JsonObject rendered = managerApi.get("/api/meetings/" + meetingId + "/memo").bodyAsJsonObject();
        JsonObject document = rendered.getJsonObject("document");
        assertThat(document.getString("free")).isEqualTo("ship the release on Friday");
        assertThat(document.getJsonArray("items")).as("one section per agenda item, not one per start")
            .extracting(i -> ((JsonObject) i).getString("topic")).containsExactly("WORK", "CAREER");
      } finally {
        second.kill();
      }
    } finally {
      member.close();
    }
  }

  private static JsonObject user(String email, String name, String role) {
    return new JsonObject().put("email", email).put("name", name).put("password", KizunaNode.PASSWORD)
        .put("roles", new JsonArray().add(role));
  }
}
