package dev.kizuna.server.db;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.ChildClient;
import dev.kizuna.server.testing.ChildNode;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.RoomClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded database keeps: data across a restart on the same KIZUNA_DATA_DIR, the
 * first-start admin, how passwords are stored, and acknowledged writes across a kill -9.
 */
class PersistenceTest {

  private static JsonObject item(String topic, String expectation, String note) {
    JsonObject item = new JsonObject().put("topic", topic).put("expectation", expectation);
    return note == null ? item : item.put("note", note);
  }

  @Test
  @DisplayName("users, pairs, meetings with their status and agenda survive a restart on the same data folder")
  void dataSurvivesARestart(@TempDir Path dataDir) {
    Duo duo;
    JsonObject planned;
    JsonObject live;
    JsonObject ended;
    JsonObject pairs;
    try (KizunaNode first = new KizunaNode().dataDir(dataDir).start()) {
      duo = first.duo();
      planned = createMeeting(duo.memberApi(), duo.pairId(), Instant.parse("2031-06-03T09:00:00Z"), 30);
      JsonObject agenda = new JsonObject().put("items", new JsonArray()
          .add(item("CAREER", "THINK_TOGETHER", "来期の役割"))
          .add(item("CONDITION", "LISTEN", null)));
      planned = duo.memberApi().put("/api/meetings/" + planned.getString("id") + "/agenda", agenda).bodyAsJsonObject();
      live = createMeeting(duo.managerApi(), duo.pairId(), Instant.parse("2031-06-02T09:00:00Z"), 45);
      try (RoomClient room = first.room(live.getString("id"), duo.memberApi())) {
        room.join();
      }
      live = duo.memberApi().get("/api/meetings/" + live.getString("id")).bodyAsJsonObject();
      ended = createMeeting(duo.memberApi(), duo.pairId(), Instant.parse("2031-06-01T09:00:00Z"), 60);
      ended = duo.memberApi().post("/api/meetings/" + ended.getString("id") + "/end", null).bodyAsJsonObject();
      assertThat(live.getString("status")).isEqualTo("LIVE");
      assertThat(ended.getString("status")).isEqualTo("ENDED");
      // The end starts the summary job, which gives the meeting its memo: let it finish, so that the
      // meetings read below are the state the node stops with.
      String endedPath = "/api/meetings/" + ended.getString("id");
      Await.until("the ended meeting's proposed summary", Duration.ofSeconds(60),
          () -> duo.memberApi().get(endedPath + "/memo").bodyAsJsonObject(), memo -> memo.getValue("summary") != null);
      ended = duo.memberApi().get(endedPath).bodyAsJsonObject();
      pairs = new JsonObject().put("list", duo.memberApi().get("/api/pairs").bodyAsJsonArray());
    }

    try (KizunaNode second = new KizunaNode().dataDir(dataDir).start()) {
      Api member = second.login(duo.member());
      Api manager = second.login(duo.manager());

      assertThat(member.get("/api/me").bodyAsJsonObject()).isEqualTo(duo.member().json());
      assertThat(member.get("/api/pairs").bodyAsJsonArray()).isEqualTo(pairs.getJsonArray("list"));
      assertThat(member.get("/api/meetings").bodyAsJsonArray()).isEqualTo(new JsonArray().add(planned).add(live).add(ended));
      JsonObject seenByManager = manager.get("/api/meetings/" + planned.getString("id")).bodyAsJsonObject();
      assertThat(seenByManager.getJsonObject("agenda")).isEqualTo(planned.getJsonObject("agenda"));
      assertThat(seenByManager.getJsonObject("agenda").getJsonArray("items").getJsonObject(0).getString("note"))
          .isEqualTo("来期の役割");
    }
  }

  @Test
  @DisplayName("the admin of the environment is created on the first start only: a restart with another admin creates none")
  void adminIsBootstrappedOnce(@TempDir Path dataDir) {
    try (KizunaNode first = new KizunaNode().dataDir(dataDir).start()) {
      JsonObject admin = first.login(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD).user();
      assertThat(admin.getJsonArray("roles").getList()).containsExactly("ADMIN");
      assertThat(admin.getString("name")).isEqualTo("Administrator");
    }

    try (KizunaNode second = new KizunaNode().dataDir(dataDir)
        .with("KIZUNA_ADMIN_EMAIL", "second-admin@kizuna.test")
        .with("KIZUNA_ADMIN_PASSWORD", "second-admin-secret")
        .start()) {
      assertProblem(second.anonymous().tryLogin("second-admin@kizuna.test", "second-admin-secret"), 401);
      assertThat(second.login(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD).user().getJsonArray("roles").getList())
          .containsExactly("ADMIN");
    }
  }

  @Test
  @DisplayName("without an admin in the environment no account is made; a later start with one still creates it")
  void noAdminWithoutEnvironment(@TempDir Path dataDir) {
    try (KizunaNode bare = new KizunaNode().dataDir(dataDir)
        .with("KIZUNA_ADMIN_EMAIL", "").with("KIZUNA_ADMIN_PASSWORD", "").start()) {
      assertProblem(bare.anonymous().tryLogin(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD), 401);
    }
    try (KizunaNode withAdmin = new KizunaNode().dataDir(dataDir).start()) {
      assertThat(withAdmin.login(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD).user().getJsonArray("roles").getList())
          .containsExactly("ADMIN");
    }
  }

  @Test
  @DisplayName("passwords are stored as salted PBKDF2 hashes: two users with one password get different hashes")
  void passwordsAreSaltedHashes(@TempDir Path dataDir) {
    Account one;
    Account two;
    try (KizunaNode node = new KizunaNode().dataDir(dataDir).start()) {
      one = node.createUser("Salt One");
      two = node.createUser("Salt Two");
    }

    // The node is stopped: open its database directly, as the next start would.
    Vertx vertx = Vertx.vertx();
    try {
      MongoStore store = await(MongoStore.open(vertx, Optional.empty(), dataDir, "kizuna"));
      try {
        List<JsonObject> users = await(store.client().find("users",
            new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray().add(one.id()).add(two.id())))));
        assertThat(users).hasSize(2);
        List<String> hashes = users.stream().map(u -> u.getString("passwordHash")).toList();
        assertThat(hashes).allSatisfy(hash -> {
          assertThat(hash).startsWith("$pbkdf2$it=" + KizunaNode.TEST_ITERATIONS + "$");
          assertThat(hash).doesNotContain(KizunaNode.PASSWORD);
          assertThat(hash.split("\\$")).hasSize(5);
        });
        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
        assertThat(hashes.get(0).split("\\$")[3]).as("salt").isNotEqualTo(hashes.get(1).split("\\$")[3]);
      } finally {
        await(store.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  @Test
  @DisplayName("an agenda acknowledged with 200 is still there after the server process is killed with SIGKILL right after")
  void acknowledgedWritesSurviveKill9(@TempDir Path dataDir) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx);
    JsonObject agenda = new JsonObject().put("items", new JsonArray()
        .add(item("WORK", "ADVICE", "deploy pipeline is slow"))
        .add(item("SKILLS", "OPINION", null)));
    String meetingId;
    String memberEmail;
    try {
      ChildNode first = ChildNode.start(dataDir);
      try {
        ChildClient admin = new ChildClient(web, first.port).login(KizunaNode.ADMIN_EMAIL, KizunaNode.ADMIN_PASSWORD);
        String managerId = admin.create("/api/users", user("kill.manager@kizuna.test", "Kill Manager", "MANAGER")).getString("id");
        memberEmail = "kill.member@kizuna.test";
        String memberId = admin.create("/api/users", user(memberEmail, "Kill Member", "MEMBER")).getString("id");
        String pairId = admin.create("/api/pairs",
            new JsonObject().put("managerId", managerId).put("memberId", memberId).put("kind", "LINE")).getString("id");
        ChildClient member = new ChildClient(web, first.port).login(memberEmail, KizunaNode.PASSWORD);
        meetingId = member.create("/api/meetings", new JsonObject().put("pairId", pairId)
            .put("scheduledAt", "2031-07-01T09:00:00Z").put("durationMinutes", 30)).getString("id");

        HttpResponse<Buffer> put = member.put("/api/meetings/" + meetingId + "/agenda", agenda);
        first.kill();

        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        assertThat(first.process.exitValue()).as("killed by SIGKILL, no shutdown hook").isEqualTo(137);
      } finally {
        first.kill();
      }

      ChildNode second = ChildNode.start(dataDir);
      try {
        ChildClient member = new ChildClient(web, second.port).login(memberEmail, KizunaNode.PASSWORD);
        HttpResponse<Buffer> meeting = member.get("/api/meetings/" + meetingId);

        assertThat(meeting.statusCode()).as(meeting.bodyAsString()).isEqualTo(200);
        assertThat(meeting.bodyAsJsonObject().getJsonObject("agenda").getJsonArray("items")).isEqualTo(agenda.getJsonArray("items"));
      } finally {
        second.kill();
      }
    } finally {
      await(vertx.close());
    }
  }

  private static JsonObject user(String email, String name, String role) {
    return new JsonObject().put("email", email).put("name", name).put("password", KizunaNode.PASSWORD)
        .put("roles", new JsonArray().add(role));
  }
}
