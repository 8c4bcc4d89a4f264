package dev.kizuna.server.share;

import static dev.kizuna.server.testing.Await.await;
import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import dev.kizuna.server.testing.MemoTyping;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.transcript.TranscriptSegment;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sharing a meeting's memo on a whole node: links with tokens and the read-only page, invited users,
 * revocation, expiry, the audit log, and who may do what. Memo text is typed by a stock automerge-repo
 * client as a browser would.
 */
class SharingTest {

  /** Guessing is limited per address; every test here comes from 127.0.0.1 (SharedLinkGuessLimitTest tests the limit). */
  @RegisterExtension
  static final KizunaNode node = new KizunaNode().with("KIZUNA_SHARE_GUESSES_PER_MINUTE", "1000");

  @BeforeAll
  static void bootNodeClients() {
    NodeClient.prewarm(1);
  }

  private record Shared(Duo duo, String meetingId) {}

  /** A meeting of a fresh pair whose shared memo holds {@code note}. */
  private static Shared meetingWithNote(String note) {
    Duo duo = node.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    MemoTyping.type(node, duo.memberApi(), meetingId, "free", note);
    return new Shared(duo, meetingId);
  }

  private static JsonObject createShare(Api api, String meetingId, JsonObject body) {
    HttpResponse<Buffer> response = api.post("/api/meetings/" + meetingId + "/shares", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static JsonObject link(Api api, String meetingId, boolean transcript) {
    return createShare(api, meetingId, new JsonObject().put("kind", "LINK").put("includeTranscript", transcript));
  }

  private static HttpResponse<Buffer> page(Api api, String path) {
    return api.get(path);
  }

  private static JsonArray shares(Api api, String meetingId) {
    HttpResponse<Buffer> response = api.get("/api/meetings/" + meetingId + "/shares");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  private static JsonObject shareById(JsonArray list, String id) {
    return list.stream().map(o -> (JsonObject) o).filter(s -> s.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static void assertNotFoundPage(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.bodyAsString()).contains("This link does not exist, has expired or was revoked.");
  }

  @Test
  @DisplayName("a link opens a read-only, escaped page of its meeting's memo only, with strict headers; every view lands in the pair's audit log")
  void linkOpensItsMemoAndIsAudited() {
    Shared alpha = meetingWithNote("Alpha plan <script>alert(1)</script> & more");
    Shared bravo = meetingWithNote("Bravo secret roadmap");
    JsonObject created = link(alpha.duo().memberApi(), alpha.meetingId(), false);
    String token = created.getString("token");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(created.getString("path")).isEqualTo("/shared/" + token);
    JsonObject share = created.getJsonObject("share");
    assertThat(share.getString("kind")).isEqualTo("LINK");
    assertThat(share.getBoolean("active")).isTrue();
    assertThat(Instant.parse(share.getString("expiresAt")))
        .isBetween(Instant.now().plus(7, ChronoUnit.DAYS).minusSeconds(60), Instant.now().plus(7, ChronoUnit.DAYS));
    assertThat(share.containsKey("token")).isFalse();

    // the database holds only the token's hash
    JsonObject stored = await(node.store().client().findOne("shares", new JsonObject().put("_id", share.getString("id")), null));
    assertThat(stored.encode()).doesNotContain(token);
    assertThat(stored.getString("tokenHash")).isEqualTo(ShareTokens.sha256(token));

    HttpResponse<Buffer> response = page(node.anonymous(), created.getString("path"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("X-Robots-Tag")).contains("noindex");
    assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'none'").doesNotContain("script-src");
    String html = response.bodyAsString();
    assertThat(html).contains("Alpha plan &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .doesNotContain("<script").doesNotContain("Bravo").contains(alpha.duo().member().name());

    // the reader's language wins; a logged-in reader is named in the audit
    Account hr = node.createUser("Hana HR", "en", new String[] {"HR"});
    Api hrApi = node.login(hr);
    HttpResponse<Buffer> japanese = await(WebClient.create(node.vertx()).get(node.port(), "127.0.0.1", created.getString("path"))
        .putHeader("Accept-Language", "ja,en;q=0.5").putHeader("Cookie", hrApi.cookieHeader()).send());
    assertThat(japanese.statusCode()).isEqualTo(200);
    assertThat(japanese.bodyAsString()).contains("共有された1on1メモ").contains("lang=\"ja\"");

    JsonArray views = shareById(shares(alpha.duo().managerApi(), alpha.meetingId()), share.getString("id")).getJsonArray("views");
    assertThat(views).hasSize(2);
    JsonObject newest = views.getJsonObject(0);
    assertThat(newest.getString("viewer")).isEqualTo("user");
    assertThat(newest.getString("viewerId")).isEqualTo(hr.id());
    JsonObject anonymous = views.getJsonObject(1);
    assertThat(anonymous.getString("viewer")).isEqualTo("anonymous link");
    assertThat(anonymous.getString("addressHash")).matches("[0-9a-f]{16}");
    assertThat(anonymous.encode()).doesNotContain("127.0.0.1");
    assertThat(shares(bravo.duo().memberApi(), bravo.meetingId())).as("the other meeting has no shares").isEmpty();
  }

  @Test
  @DisplayName("wrong, guessed, malformed, expired and revoked tokens all get the same 404; revoking one link leaves another")
  void deadTokensAnswer404() {
    Shared alpha = meetingWithNote("Gamma retrospective");
    Api member = alpha.duo().memberApi();
    String token = link(member, alpha.meetingId(), false).getString("token");
    JsonObject other = link(alpha.duo().managerApi(), alpha.meetingId(), false);
    char last = token.charAt(token.length() - 1);
    String wrong = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    Api stranger = node.anonymous();
    assertNotFoundPage(page(stranger, "/shared/" + wrong));
    assertNotFoundPage(page(stranger, "/shared/" + ShareTokens.next()));
    assertNotFoundPage(page(stranger, "/shared/short"));
    assertNotFoundPage(page(stranger, "/shared/" + token.toUpperCase()));
    assertThat(page(stranger, "/shared/" + token).statusCode()).isEqualTo(200);

    // expired: its expiry moved into the past in the database
    String expiring = link(member, alpha.meetingId(), false).getString("token");
    assertThat(page(stranger, "/shared/" + expiring).statusCode()).isEqualTo(200);
    await(node.store().client().updateCollection("shares", new JsonObject().put("tokenHash", ShareTokens.sha256(expiring)),
        new JsonObject().put("$set", new JsonObject().put("expiresAt",
            new JsonObject().put("$date", Instant.now().minusSeconds(1).toString())))));
    HttpResponse<Buffer> expired = page(stranger, "/shared/" + expiring);
    assertNotFoundPage(expired);

    // revoked by the manager although the member made it
    String shareId = await(node.store().client().findOne("shares",
        new JsonObject().put("tokenHash", ShareTokens.sha256(token)), null)).getString("_id");
    HttpResponse<Buffer> revoked = alpha.duo().managerApi().delete("/api/shares/" + shareId);
    assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(200);
    assertThat(revoked.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(revoked.bodyAsJsonObject().getString("revokedBy")).isEqualTo(alpha.duo().manager().id());
    HttpResponse<Buffer> afterRevoke = page(stranger, "/shared/" + token);
    assertNotFoundPage(afterRevoke);
    assertThat(afterRevoke.bodyAsString()).as("revoked and expired look the same").isEqualTo(expired.bodyAsString());
    assertThat(page(stranger, other.getString("path")).statusCode()).as("the other link still opens").isEqualTo(200);
    assertProblem(member.delete("/api/shares/no-such-share"), 404);
  }

  @Test
  @DisplayName("the transcript appears only in shares that include it, on the page and through the API")
  void transcriptOnlyWhenIncluded() {
    Shared alpha = meetingWithNote("Delta memo line");
    TranscriptRepository transcripts = new TranscriptRepository(node.store());
    await(transcripts.insert(new TranscriptSegment(alpha.meetingId(), alpha.duo().member().id(), ParticipantRole.MEMBER,
        "i have been sleeping badly since the reorganisation", 0, 4_000, 0.9, new JsonArray(), Instant.now())));
    Api member = alpha.duo().memberApi();

    String without = page(node.anonymous(), link(member, alpha.meetingId(), false).getString("path")).bodyAsString();
    assertThat(without).contains("Delta memo line").doesNotContain("sleeping badly").doesNotContain("Transcript");
    String with = page(node.anonymous(), link(member, alpha.meetingId(), true).getString("path")).bodyAsString();
    assertThat(with).contains("Delta memo line").contains("Transcript").contains("sleeping badly");

    Account mentor = node.createUser("Mentor Mei", "MANAGER");
    Api mentorApi = node.login(mentor);
    JsonObject plain = createShare(member, alpha.meetingId(),
        new JsonObject().put("kind", "USER").put("recipientId", mentor.id())).getJsonObject("share");
    JsonObject read = mentorApi.get("/api/shares/" + plain.getString("id")).bodyAsJsonObject();
    assertThat(read.getString("memo")).contains("Delta memo line");
    assertThat(read.containsKey("transcript")).isFalse();
    assertThat(read.encode()).doesNotContain("sleeping badly");
    JsonObject full = createShare(member, alpha.meetingId(), new JsonObject().put("kind", "USER")
        .put("recipientEmail", mentor.email().toUpperCase()).put("includeTranscript", true)).getJsonObject("share");
    JsonArray segments = mentorApi.get("/api/shares/" + full.getString("id")).bodyAsJsonObject().getJsonArray("transcript");
    assertThat(segments).hasSize(1);
    assertThat(segments.getJsonObject(0).getString("text")).contains("sleeping badly");
  }

  @Test
  @DisplayName("an invited user lists and reads the memo (audited, notified) until it is revoked; nobody else reads it")
  void invitedUserReadsUntilRevoked() {
    Shared alpha = meetingWithNote("Epsilon growth plan");
    Account hr = node.createUser("Haru HR", "en", new String[] {"HR"});
    Api hrApi = node.login(hr);
    Api member = alpha.duo().memberApi();
    assertProblem(member.post("/api/meetings/" + alpha.meetingId() + "/shares", new JsonObject().put("kind", "USER")
        .put("recipientId", alpha.duo().manager().id())), 422);
    assertProblem(member.post("/api/meetings/" + alpha.meetingId() + "/shares", new JsonObject().put("kind", "USER")
        .put("recipientEmail", "nobody@example.test")), 422);
    assertProblem(member.post("/api/meetings/" + alpha.meetingId() + "/shares", new JsonObject().put("kind", "USER")), 400);

    JsonObject share = createShare(member, alpha.meetingId(),
        new JsonObject().put("kind", "USER").put("recipientId", hr.id())).getJsonObject("share");
    assertThat(share.getString("recipientName")).isEqualTo("Haru HR");
    assertThat(share.containsKey("expiresAt")).as("an invitation lasts until revoked").isFalse();

    JsonArray mine = hrApi.get("/api/me/shared").bodyAsJsonArray();
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("memberName")).isEqualTo(alpha.duo().member().name());
    JsonArray notices = hrApi.get("/api/me/notifications").bodyAsJsonArray();
    assertThat(notices).hasSize(1);
    assertThat(notices.getJsonObject(0).getString("kind")).isEqualTo("SHARED");
    assertThat(notices.getJsonObject(0).getString("refId")).isEqualTo(share.getString("id"));

    HttpResponse<Buffer> read = hrApi.get("/api/shares/" + share.getString("id"));
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("memo")).contains("Epsilon growth plan");
    assertProblem(node.login(node.createUser("Nosy Neighbour", "MANAGER")).get("/api/shares/" + share.getString("id")), 403);
    assertProblem(alpha.duo().managerApi().get("/api/shares/" + share.getString("id")), 403);

    JsonArray views = shareById(shares(member, alpha.meetingId()), share.getString("id")).getJsonArray("views");
    assertThat(views).hasSize(1);
    assertThat(views.getJsonObject(0).getString("viewerName")).isEqualTo("Haru HR");

    assertThat(member.delete("/api/shares/" + share.getString("id")).statusCode()).isEqualTo(200);
    assertProblem(hrApi.get("/api/shares/" + share.getString("id")), 404);
    assertThat(hrApi.get("/api/me/shared").bodyAsJsonArray()).isEmpty();
  }

  @Test
  @DisplayName("outside the pair every new route answers 403 (401 without a session); bad input answers 400")
  void outsidersAreRefused() {
    Shared alpha = meetingWithNote("Zeta");
    Api outsider = node.login(node.createUser("Outside Otto", "MANAGER"));
    String m = "/api/meetings/" + alpha.meetingId();
    String p = "/api/pairs/" + alpha.duo().pairId();
    String shareId = link(alpha.duo().memberApi(), alpha.meetingId(), false).getJsonObject("share").getString("id");
    JsonObject linkBody = new JsonObject().put("kind", "LINK");
    JsonObject ruleBody = new JsonObject().put("recipientId", alpha.duo().manager().id());
    JsonObject note = new JsonObject().put("note", "urgent");
    JsonObject handover = new JsonObject().put("toPairId", alpha.duo().pairId());
    assertProblem(outsider.post(m + "/shares", linkBody), 403);
    assertProblem(outsider.get(m + "/shares"), 403);
    assertProblem(outsider.post(m + "/escalations", note), 403);
    assertProblem(outsider.delete("/api/shares/" + shareId), 403);
    assertProblem(outsider.get("/api/shares/" + shareId), 403);
    assertProblem(outsider.get(p + "/share-rules"), 403);
    assertProblem(outsider.put(p + "/share-rules", ruleBody), 403);
    assertProblem(outsider.delete(p + "/share-rules/" + alpha.duo().manager().id()), 403);
    assertProblem(outsider.post(p + "/handover", handover), 403);
    // the manager may not give the member's memos away
    assertProblem(alpha.duo().managerApi().put(p + "/share-rules", new JsonObject().put("recipientId", shareId)), 403);
    assertProblem(alpha.duo().managerApi().post(p + "/handover", handover), 403);
    Api anonymous = node.anonymous();
    assertProblem(anonymous.post(m + "/shares", linkBody), 401);
    assertProblem(anonymous.get("/api/me/shared"), 401);
    assertProblem(anonymous.get("/api/me/notifications"), 401);
    assertProblem(anonymous.post(m + "/escalations", note), 401);

    Api member = alpha.duo().memberApi();
    assertProblem(member.post(m + "/shares", new JsonObject().put("kind", "LINK").put("expiresInDays", 91)), 400);
    assertProblem(member.post(m + "/shares", new JsonObject().put("kind", "LINK").put("expiresInDays", 0)), 400);
    assertProblem(member.post(m + "/shares", new JsonObject().put("kind", "EVERYONE")), 400);
    assertProblem(member.post(m + "/shares", new JsonObject().put("kind", "LINK").put("token", "mine")), 400);
    assertProblem(member.post(m + "/escalations", new JsonObject().put("note", "   ")), 400);
    assertProblem(member.post(m + "/escalations", new JsonObject().put("note", "x".repeat(2001))), 400);
    assertProblem(member.post(m + "/escalations", new JsonObject().put("note", "see item").put("agendaIndex", 3)), 422);
    assertProblem(member.post("/api/meetings/no-such-meeting/shares", linkBody), 404);
    assertProblem(member.post("/api/me/notifications/not-mine/read", null), 404);
  }
}
