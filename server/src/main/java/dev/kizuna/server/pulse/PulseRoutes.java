package dev.kizuna.server.pulse;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.db.Ids;

import dev.kizuna.server.user.User;
import dev.kizuna.server.web.BoundedWorker;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The monthly pulse over HTTP: everyone logged in reads the custom questions, answers once per
 * calendar month (UTC) and reads their own history; admins set the custom questions; admins and
 * HR read the anonymous aggregates.
 */
public final class PulseRoutes {

  private final PulseQuestionRepository questions;
  private final PulseRepository pulses;
  private final BoundedWorker worker;
  private final Clock clock;

  public PulseRoutes(PulseQuestionRepository questions, PulseRepository pulses, BoundedWorker worker, Clock clock) {
    this.questions = questions;
    this.pulses = pulses;
    this.worker = worker;
    this.clock = clock;
  }

  /** {@code GET /api/pulse/questions}: {@code {questions:[PulseQuestion]}}. */
  public void listQuestions(RoutingContext ctx) {
    Responses.ok(ctx, () -> questions.current().map(PulseRoutes::questionsJson));
  }

  /**
   * {@code PUT /api/pulse/questions} (ADMIN): replaces the custom questions. A question keeps its
   * id when the body names it (it must be a current one); new questions get a fresh id.
   */
  public void putQuestions(RoutingContext ctx) {
    JsonArray body = Responses.body(ctx).getJsonArray("questions");
    Future<JsonObject> replaced = questions.current().compose(current -> {
      Set<String> known = new HashSet<>(current.stream().map(PulseQuestion::id).toList());
      Set<String> used = new HashSet<>();
      List<PulseQuestion> next = new ArrayList<>();
      try {
        for (Object o : body) {
          JsonObject json = ((JsonObject) o).copy();
          String id = json.getString("id");
          if (id == null) {
            json.put("id", Ids.next());
          } else if (!known.contains(id) || !used.add(id)) {
            throw new IllegalArgumentException("question id " + id + " is not a current question or appears twice");
          }
          next.add(PulseQuestion.fromJson(json));
        }
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(HttpProblem.badRequest(e.getMessage()));
      }
      return questions.replace(next).map(PulseRoutes::questionsJson);
    });
    Responses.ok(ctx, () -> replaced);
  }

  /** {@code POST /api/me/pulse}: this month's answer of the caller; 409 when they answered already. */
  public void submit(RoutingContext ctx) {
    User me = CurrentUser.of(ctx);
    YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    PulseResponse response;
    try {
      response = PulseResponse.fromJson(month, Responses.body(ctx));
    } catch (IllegalArgumentException e) {
      ctx.fail(HttpProblem.badRequest(e.getMessage()));
      return;
    }
    Responses.json(ctx, 201, questions.current().compose(asked -> {
      try {
        response.checkAgainst(asked);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(HttpProblem.badRequest(e.getMessage()));
      }
      return pulses.submit(me.id(), me.unit(), response, asked);
    }));
  }

  /** {@code GET /api/me/pulse}: {@code {month, answered, history:[entry]}}, the caller's own answers only. */
  public void history(RoutingContext ctx) {
    String month = YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    Responses.ok(ctx, () -> pulses.history(CurrentUser.of(ctx).id()).map(entries -> new JsonObject()
        .put("month", month)
        .put("answered", entries.stream().anyMatch(e -> month.equals(e.getString("month"))))
        .put("history", new JsonArray(entries))));
  }

  /** {@code GET /api/pulse/aggregate?month=YYYY-MM} (ADMIN, HR): see {@link PulseAggregator#month}. */
  public void aggregate(RoutingContext ctx) {
    YearMonth month = YearMonth.parse(Responses.queryParam(ctx, "month").orElseThrow());
    Responses.ok(ctx, () -> questions.current().compose(asked -> pulses.responses(List.of(month))
        .compose(responses -> worker.run(() -> PulseAggregator.month(month, responses, asked)))));
  }

  private static JsonObject questionsJson(List<PulseQuestion> list) {
    return new JsonObject().put("questions", new JsonArray(list.stream().map(PulseQuestion::toJson).toList()));
  }
}
