package dev.kizuna.server.testing;

import static dev.kizuna.server.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.util.Optional;

/**
 * A browser-like HTTP client of one node: keeps its cookies (the session) across requests,
 * and blocks the test thread until each answer arrives.
 */
public final class Api {

  public static final String SESSION_COOKIE = "kizuna.session";

  private final WebClientSession http;
  private final int port;
  private JsonObject user;

  Api(WebClient client, int port) {
    this.http = WebClientSession.create(client);
    this.port = port;
  }

  /** Sends {@code kizuna.session=<id>} on every request, as a browser holding that cookie would. */
  Api withSessionCookie(String sessionId) {
    http.addHeader("Cookie", SESSION_COOKIE + "=" + sessionId);
    return this;
  }

  /**
   * Asks the server to close the connection after every answer, so each request arrives on a
   * new connection (and, on a node with several HTTP verticles, on the next event loop in turn).
   */
  public Api closeConnections() {
    http.addHeader("Connection", "close");
    return this;
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, Object body) {
    return send(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> put(String path, Object body) {
    return send(HttpMethod.PUT, path, body);
  }

  public HttpResponse<Buffer> delete(String path) {
    return send(HttpMethod.DELETE, path, null);
  }

  /**
   * Sends a request; a {@code body} that is a {@link Buffer} or {@link String} goes as is with
   * {@code Content-Type: application/json}, anything else is encoded as JSON.
   */
  public HttpResponse<Buffer> send(HttpMethod method, String path, Object body) {
    HttpRequest<Buffer> request = http.request(method, port, "127.0.0.1", path);
    if (body == null) {
      return await(request.send());
    }
    if (body instanceof Buffer buffer) {
      return await(request.putHeader("Content-Type", "application/json").sendBuffer(buffer));
    }
    if (body instanceof String text) {
      return await(request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(text)));
    }
    return await(request.sendJson(body));
  }

  /** Logs in; returns the answer whatever it is (the session cookie is kept on success). */
  public HttpResponse<Buffer> tryLogin(String email, String password) {
    HttpResponse<Buffer> response = post("/api/session", new JsonObject().put("email", email).put("password", password));
    if (response.statusCode() == 200) {
      user = response.bodyAsJsonObject().getJsonObject("user");
    }
    return response;
  }

  /** Logs in and fails the test unless it works. */
  public Api login(String email, String password) {
    HttpResponse<Buffer> response = tryLogin(email, password);
    assertThat(response.statusCode()).as("login of %s: %s", email, response.bodyAsString()).isEqualTo(200);
    return this;
  }

  /** The user of the last successful login. */
  public JsonObject user() {
    return user;
  }

  public String userId() {
    return user.getString("id");
  }

  /** The session cookie this client holds, if any. */
  public Optional<String> sessionId() {
    for (Cookie cookie : http.cookieStore().get(false, "127.0.0.1", "/")) {
      if (SESSION_COOKIE.equals(cookie.name())) {
        return Optional.of(cookie.value());
      }
    }
    return Optional.empty();
  }

  /** The {@code Cookie} header value a browser of this session would send. */
  public String cookieHeader() {
    return SESSION_COOKIE + "=" + sessionId().orElseThrow(() -> new AssertionError("not logged in"));
  }

  public int port() {
    return port;
  }
}
