package dev.kizuna.server.testing;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** A minimal logged-in HTTP client of a child node (session cookie kept by hand). */
public final class ChildClient {

  private final WebClient web;
  private final int port;
  private String cookie;

  public ChildClient(WebClient web, int port) {
    this.web = web;
    this.port = port;
  }

  public ChildClient login(String email, String password) {
    HttpResponse<Buffer> response = await(web.post(port, "127.0.0.1", "/api/session")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    cookie = response.cookies().stream().filter(c -> c.startsWith("kizuna.session=")).findFirst()
        .orElseThrow().split(";")[0];
    return this;
  }

  public JsonObject create(String path, JsonObject body) {
    HttpResponse<Buffer> response = await(web.post(port, "127.0.0.1", path).putHeader("Cookie", cookie).sendJsonObject(body));
    assertThat(response.statusCode()).as("%s: %s", path, response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** A bearer token of this user from {@code POST /api/tokens}, for sockets of non-browser clients. */
  public String accessToken() {
    HttpResponse<Buffer> response = await(web.post(port, "127.0.0.1", "/api/tokens").putHeader("Cookie", cookie).send());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("token");
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) {
    return await(web.put(port, "127.0.0.1", path).putHeader("Cookie", cookie).sendJsonObject(body));
  }

  public HttpResponse<Buffer> get(String path) {
    return await(web.get(port, "127.0.0.1", path).putHeader("Cookie", cookie).send());
  }
}
