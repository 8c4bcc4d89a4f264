package dev.kizuna.server.web;

import io.vertx.core.json.JsonObject;

/**
 * An error answered as {@code application/problem+json} (RFC 9457). Fail a future or a
 * routing context with it; the failure handler writes it.
 */
public final class HttpProblem extends RuntimeException {

  private final int status;
  private final String title;

  /**
   * @param status HTTP status
   * @param title short, stable summary of the problem type
   * @param detail what happened in this case, for the client
   */
  public HttpProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  public static HttpProblem badRequest(String detail) {
    return new HttpProblem(400, "Bad request", detail);
  }

  public static HttpProblem unauthorized() {
    return new HttpProblem(401, "Unauthorized", "log in first");
  }

  public static HttpProblem forbidden(String detail) {
    return new HttpProblem(403, "Forbidden", detail);
  }

  public static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "Not found", detail);
  }

  public static HttpProblem conflict(String detail) {
    return new HttpProblem(409, "Conflict", detail);
  }

  public static HttpProblem unprocessable(String detail) {
    return new HttpProblem(422, "Unprocessable content", detail);
  }

  public int status() {
    return status;
  }

  /** The problem body: {@code {type,title,status,detail}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage());
  }
}
