package dev.kizuna.server.hint;

import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.db.Ids;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The hint library over HTTP: anyone logged in reads it (managers browse it at any time);
 * admins add hints and edit any hint's text and source.
 */
public final class HintRoutes {

  private final HintRepository hints;

  public HintRoutes(HintRepository hints) {
    this.hints = hints;
  }

  /** {@code GET /api/hints?kind&topic&expectation&language}: matching hints in library order. */
  public void list(RoutingContext ctx) {
    HintKind kind = Responses.queryParam(ctx, "kind").map(HintKind::valueOf).orElse(null);
    Topic topic = Responses.queryParam(ctx, "topic").map(Topic::valueOf).orElse(null);
    Expectation expectation = Responses.queryParam(ctx, "expectation").map(Expectation::valueOf).orElse(null);
    String language = Responses.queryParam(ctx, "language").orElse(null);
    Responses.ok(ctx, () -> hints.find(kind, topic, expectation, language)
        .map(list -> new JsonArray(list.stream().map(Hint::toJson).toList())));
  }

  /** {@code POST /api/hints} (ADMIN): a new hint under a generated key {@code custom.<id>}. */
  public void create(RoutingContext ctx) {
    JsonObject body = Responses.body(ctx).copy().put("key", "custom." + Ids.next()).put("edited", false);
    Hint hint;
    try {
      hint = Hint.fromJson(body);
    } catch (IllegalArgumentException e) {
      ctx.fail(HttpProblem.badRequest(e.getMessage()));
      return;
    }
    Responses.json(ctx, 201, hints.insert(hint).map(Hint::toJson));
  }

  /** {@code PUT /api/hints/{key}/{language}} (ADMIN): new text and source; seeding keeps them. */
  public void update(RoutingContext ctx) {
    JsonObject body = Responses.body(ctx);
    String key = Responses.pathParam(ctx, "key");
    String language = Responses.pathParam(ctx, "language");
    Future<JsonObject> updated = hints.findById(key, language).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no hint " + key + " in " + language));
      }
      Hint edited;
      try {
        edited = found.get().editedTo(body.getString("text"), body.getString("source", found.get().source()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(HttpProblem.badRequest(e.getMessage()));
      }
      return hints.replace(edited).map(Hint::toJson);
    });
    Responses.ok(ctx, () -> updated);
  }
}
