package dev.kizuna.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.NodeClient;
import io.vertx.core.json.JsonObject;

/**
 * Types into a meeting's shared memo as a browser does: a stock automerge-repo client in Node on
 * the memo socket, authenticated with a bearer token of {@code api}'s user.
 */
public final class MemoTyping {

  private MemoTyping() {}

  /** Types {@code text} at the start of the shared memo's {@code field} and waits until the server stored it. */
  public static void type(KizunaNode node, Api api, String meetingId, String field, String text) {
    var meeting = api.get("/api/meetings/" + meetingId);
    assertThat(meeting.statusCode()).as(meeting.bodyAsString()).isEqualTo(200);
    JsonObject memo = meeting.bodyAsJsonObject().getJsonObject("memo");
    DocumentId doc = DocumentId.fromUrl(memo.getString("documentUrl")).orElseThrow();
    var token = api.post("/api/tokens", null);
    assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(201);
    try (NodeClient client = NodeClient.connect("memo-typist",
        "ws://127.0.0.1:" + node.port() + "/ws/memo?access_token=" + token.bodyAsJsonObject().getString("token"))) {
      client.find(doc);
      client.type(doc, field, 0, text);
      client.waitAcknowledged(doc);
    }
  }
}
