package dev.kizuna.server.pair;

import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/pairs} and {@code GET /api/pairs}. */
class PairTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode();

  private static JsonObject pair(String managerId, String memberId, String kind) {
    return new JsonObject().put("managerId", managerId).put("memberId", memberId).put("kind", kind);
  }

  private static JsonArray pairsOf(Api api) {
    HttpResponse<Buffer> response = api.get("/api/pairs");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  @Test
  @DisplayName("an admin pairs any two users: 201 with both names copied in")
  void adminCreatesAPair() {
    Account manager = node.createUser("Mentor Maki", "MEMBER");
    Account member = node.createUser("Mentee Mei", "MEMBER");
    Instant before = Instant.now().minusSeconds(1);

    HttpResponse<Buffer> response = node.admin().post("/api/pairs", pair(manager.id(), member.id(), "MENTOR"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject created = response.bodyAsJsonObject();
    assertThat(created.getString("id")).isNotBlank();
    assertThat(created.getString("managerId")).isEqualTo(manager.id());
    assertThat(created.getString("memberId")).isEqualTo(member.id());
    assertThat(created.getString("managerName")).isEqualTo("Mentor Maki");
    assertThat(created.getString("memberName")).isEqualTo("Mentee Mei");
    assertThat(created.getString("kind")).isEqualTo("MENTOR");
    assertThat(Instant.parse(created.getString("createdAt"))).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(pairsOf(node.login(member)).getList()).hasSize(1);
    assertThat(pairsOf(node.login(member)).getJsonObject(0)).isEqualTo(created);
  }

  @Test
  @DisplayName("a manager creates a pair they manage (201)")
  void managerCreatesOwnPair() {
    Account manager = node.createUser("Own Manager", "MANAGER");
    Account member = node.createUser("Own Member");
    Api api = node.login(manager);

    HttpResponse<Buffer> response = api.post("/api/pairs", pair(manager.id(), member.id(), "LINE"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("managerId")).isEqualTo(manager.id());
    assertThat(pairsOf(api).getList()).hasSize(1);
  }

  @Test
  @DisplayName("a manager may not create a pair managed by someone else (403), and none is created")
  void managerMayNotPairOthers() {
    Account manager = node.createUser("Meddling Manager", "MANAGER");
    Account otherManager = node.createUser("Other Manager", "MANAGER");
    Account member = node.createUser("Some Member");

    assertProblem(node.login(manager).post("/api/pairs", pair(otherManager.id(), member.id(), "LINE")), 403);

    assertThat(pairsOf(node.login(member)).getList()).isEmpty();
  }

  @Test
  @DisplayName("a member may not create pairs, not even with themselves as the manager (403)")
  void memberMayNotCreatePairs() {
    Account member = node.createUser("Eager Member", "MEMBER", "HR");
    Account other = node.createUser("Other Member");
    Api api = node.login(member);

    assertProblem(api.post("/api/pairs", pair(member.id(), other.id(), "PEER")), 403);

    assertThat(pairsOf(api).getList()).isEmpty();
  }

  @Test
  @DisplayName("a pair of one person with themselves is refused with 422")
  void samePersonTwiceIsUnprocessable() {
    Account user = node.createUser("Solo Sora", "MANAGER");

    assertProblem(node.admin().post("/api/pairs", pair(user.id(), user.id(), "LINE")), 422);
    assertProblem(node.login(user).post("/api/pairs", pair(user.id(), user.id(), "LINE")), 422);
  }

  @Test
  @DisplayName("a pair with an unknown user is refused with 422 naming the unknown id")
  void unknownUserIsUnprocessable() {
    Account manager = node.createUser("Real Manager", "MANAGER");

    JsonObject problem = assertProblem(node.admin().post("/api/pairs", pair(manager.id(), "no-such-user", "LINE")), 422);
    assertThat(problem.getString("detail")).contains("no-such-user");
    JsonObject other = assertProblem(node.admin().post("/api/pairs", pair("ghost-manager", manager.id(), "LINE")), 422);
    assertThat(other.getString("detail")).contains("ghost-manager");

    assertThat(pairsOf(node.login(manager)).getList()).isEmpty();
  }

  @Test
  @DisplayName("the same manager and member cannot be paired twice (409), whatever the kind")
  void duplicatePairIsAConflict() {
    Account manager = node.createUser("Twice Manager", "MANAGER");
    Account member = node.createUser("Twice Member");
    node.createPair(manager.id(), member.id());

    assertProblem(node.admin().post("/api/pairs", pair(manager.id(), member.id(), "MENTOR")), 409);
    assertProblem(node.login(manager).post("/api/pairs", pair(manager.id(), member.id(), "LINE")), 409);

    assertThat(pairsOf(node.login(member)).getList()).hasSize(1);
  }

  @Test
  @DisplayName("the reverse pair (member managing their manager) is a different pair and allowed")
  void reversePairIsAnotherPair() {
    Account a = node.createUser("Alpha", "MANAGER");
    Account b = node.createUser("Beta", "MANAGER");
    node.createPair(a.id(), b.id());

    HttpResponse<Buffer> response = node.admin().post("/api/pairs", pair(b.id(), a.id(), "PEER"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(pairsOf(node.login(a)).getList()).hasSize(2);
  }

  @Test
  @DisplayName("an invalid pair body (unknown kind, missing member, extra field) is refused with 400")
  void invalidPairBodyIsRefused() {
    Account manager = node.createUser("Body Manager", "MANAGER");
    Account member = node.createUser("Body Member");

    assertProblem(node.admin().post("/api/pairs", pair(manager.id(), member.id(), "BOSS")), 400);
    assertProblem(node.admin().post("/api/pairs", pair(manager.id(), member.id(), "LINE").put("note", "x")), 400);
    assertProblem(node.admin().post("/api/pairs", new JsonObject().put("managerId", manager.id()).put("kind", "LINE")), 400);
    assertProblem(node.admin().post("/api/pairs", pair("", member.id(), "LINE")), 400);
  }

  @Test
  @DisplayName("GET /api/pairs lists only the caller's pairs, oldest first; an outsider sees none")
  void listShowsOnlyTheCallersPairs() {
    Account manager = node.createUser("Busy Manager", "MANAGER");
    Account first = node.createUser("First Member");
    Account second = node.createUser("Second Member");
    Account outsider = node.createUser("Outsider Oda", "MANAGER");
    String firstPair = node.createPair(manager.id(), first.id()).getString("id");
    String secondPair = node.createPair(manager.id(), second.id()).getString("id");

    JsonArray managerPairs = pairsOf(node.login(manager));
    JsonArray firstPairs = pairsOf(node.login(first));
    JsonArray outsiderPairs = pairsOf(node.login(outsider));

    assertThat(managerPairs.stream().map(p -> ((JsonObject) p).getString("id"))).containsExactlyInAnyOrder(firstPair, secondPair);
    assertThat(firstPairs.stream().map(p -> ((JsonObject) p).getString("id"))).containsExactly(firstPair);
    assertThat(outsiderPairs.getList()).isEmpty();
    assertThat(Instant.parse(managerPairs.getJsonObject(0).getString("createdAt")))
        .isBeforeOrEqualTo(Instant.parse(managerPairs.getJsonObject(1).getString("createdAt")));
  }
}
