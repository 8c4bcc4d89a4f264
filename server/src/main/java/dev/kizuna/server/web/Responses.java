package dev.kizuna.server.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;
import java.util.function.Supplier;

/** Small helpers shared by route handlers: validated bodies and JSON answers. */
public final class Responses {

  private Responses() {}

  /** The request body as validated against the OpenAPI document. */
  public static JsonObject body(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return request.getBody().getJsonObject();
  }

  /** A path parameter as validated against the OpenAPI document. */
  public static String pathParam(RoutingContext ctx, String name) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return request.getPathParameters().get(name).getString();
  }

  /** A query parameter as validated against the OpenAPI document, if given. */
  public static Optional<String> queryParam(RoutingContext ctx, String name) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.getString());
  }

  /** Answers {@code status} with the JSON of {@code result}, or fails the context. */
  public static void json(RoutingContext ctx, int status, Future<?> result) {
    result.onSuccess(value -> {
      String body = value instanceof JsonObject o ? o.encode()
          : value instanceof JsonArray a ? a.encode()
          : String.valueOf(value);
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }).onFailure(ctx::fail);
  }

  /** Runs {@code action} and answers 200 with its JSON. */
  public static void ok(RoutingContext ctx, Supplier<Future<?>> action) {
    json(ctx, 200, action.get());
  }

  /** Writes {@code problem} as {@code application/problem+json}. */
  public static void problem(RoutingContext ctx, HttpProblem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.toJson().encode());
  }
}
