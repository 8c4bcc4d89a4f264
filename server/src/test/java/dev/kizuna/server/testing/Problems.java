package dev.kizuna.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on RFC 9457 error answers. */
public final class Problems {

  private Problems() {}

  /**
   * Asserts {@code response} is an {@code application/problem+json} answer with {@code status}
   * and the fields {@code type}, {@code title}, {@code status} and a non-blank {@code detail}.
   *
   * @return the problem body
   */
  public static JsonObject assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }
}
