package dev.kizuna.server.share;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Guessing share tokens is limited per client address. */
class SharedLinkGuessLimitTest {

  @RegisterExtension
  static final KizunaNode node = new KizunaNode().with("KIZUNA_SHARE_GUESSES_PER_MINUTE", "3");

  @Test
  @DisplayName("after 3 wrong tokens in a minute an address gets 429 with Retry-After, even for a live token; right tokens do not count")
  void guessesAreLimited() {
    Duo duo = node.duo();
    String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
    HttpResponse<Buffer> created = duo.memberApi().post("/api/meetings/" + meetingId + "/shares",
        new JsonObject().put("kind", "LINK"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String path = created.bodyAsJsonObject().getString("path");
    Api client = node.anonymous();

    for (int i = 0; i < 5; i++) {
      assertThat(client.get(path).statusCode()).as("reading a live link is no guess").isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/shared/" + ShareTokens.next()).statusCode()).isEqualTo(404);
    }
    HttpResponse<Buffer> limited = client.get("/shared/" + ShareTokens.next());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(limited.bodyAsString()).contains("Too many links were tried");
    assertThat(client.get(path).statusCode()).as("the limit holds for live tokens too").isEqualTo(429);
  }
}
