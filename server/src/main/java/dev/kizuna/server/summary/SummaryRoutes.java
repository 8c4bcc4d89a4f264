package dev.kizuna.server.summary;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Summary and promise routes: regenerate and accept a meeting's summary, the pair's carried-over
 * promises, ticking a promise done. All for the pair only.
 */
public final class SummaryRoutes {

  private final PairGate gate;
  private final SummaryService service;
  private final CommitmentRepository commitments;
  private final PairRepository pairs;

  public SummaryRoutes(PairGate gate, SummaryService service, CommitmentRepository commitments, PairRepository pairs) {
    this.gate = gate;
    this.service = service;
    this.commitments = commitments;
    this.pairs = pairs;
  }

  /** {@code POST /api/meetings/{id}/summary}: drafts the summary again in the background; 202. */
  public void regenerate(RoutingContext ctx) {
    Responses.json(ctx, 202, meeting(ctx).compose(service::regenerate)
        .map(v -> new JsonObject().put("status", "generating")));
  }

  /** {@code POST /api/meetings/{id}/summary/accept}: records the summary as edited in the memo. */
  public void accept(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    Responses.ok(ctx, () -> meeting(ctx).compose(m -> service.accept(m, me)));
  }

  /** {@code GET /api/meetings/{id}/carried-over}: the pair's open promises from earlier meetings. */
  public void carriedOver(RoutingContext ctx) {
    Responses.ok(ctx, () -> meeting(ctx).compose(m -> commitments.openFor(m.pairId(), m.id()))
        .map(list -> new JsonArray(list.stream().map(PairCommitment::toJson).toList())));
  }

  /** {@code PUT /api/promises/{id}}: either party of the pair ticks a promise done (or open again). */
  public void updatePromise(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    String id = Responses.pathParam(ctx, "id");
    boolean done = Responses.body(ctx).getBoolean("done");
    Responses.ok(ctx, () -> commitments.findById(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no such promise"));
      }
      return pairs.findById(found.get().pairId()).compose(pair -> {
        if (pair.isEmpty() || !pair.get().includes(me)) {
          return Future.failedFuture(HttpProblem.forbidden("only the pair ticks its promises"));
        }
        return commitments.setDone(id, done, me, Instant.now())
            .compose(v -> commitments.findById(id))
            .map(updated -> updated.orElseThrow().toJson());
      });
    }));
  }

  private Future<Meeting> meeting(RoutingContext ctx) {
    return gate.meetingFor(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id());
  }
}
