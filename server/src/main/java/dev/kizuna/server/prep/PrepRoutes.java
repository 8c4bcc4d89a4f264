package dev.kizuna.server.prep;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Topic;
import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.hint.Hint;
import dev.kizuna.server.hint.HintRepository;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.summary.CommitmentRepository;
import dev.kizuna.server.summary.PairCommitment;
import dev.kizuna.server.user.User;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import dev.kizuna.signaling.ParticipantRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/meetings/{id}/prep}: what the manager reads before the meeting. The field
 * trial behind DOMAIN.md found that managers who checked the member's topics and expectations
 * beforehand, with hints for each topic x expectation cell, did better. Hints are in the
 * language asked for (the browser's), else the manager's locale. The pair's open promises from
 * earlier meetings come along as {@code carriedOver}: the next agenda starts from them. Each item
 * also carries up to {@link #COMMUNITY_PER_ITEM} community hints (other managers' "what worked",
 * members' "what was good") of its cell.
 */
public final class PrepRoutes {

  /** Most community hints shown per agenda item. */
  static final int COMMUNITY_PER_ITEM = 3;

  private final PairGate gate;
  private final HintRepository hints;
  private final CommitmentRepository commitments;

  public PrepRoutes(PairGate gate, HintRepository hints, CommitmentRepository commitments) {
    this.gate = gate;
    this.hints = hints;
    this.commitments = commitments;
  }

  public void get(RoutingContext ctx) {
    User caller = CurrentUser.of(ctx);
    Responses.ok(ctx, () -> gate.meetingFor(Responses.pathParam(ctx, "id"), caller.id()).compose(meeting -> {
      if (meeting.roleOf(caller.id()).orElseThrow() != ParticipantRole.MANAGER) {
        return Future.failedFuture(HttpProblem.forbidden("the prep view with hints is for the manager"));
      }
      return prep(meeting, Responses.queryParam(ctx, "language").orElse(caller.locale()));
    }));
  }

  private Future<JsonObject> prep(Meeting meeting, String language) {
    List<AgendaItem> items = meeting.agenda().items();
    Set<List<String>> cells = new LinkedHashSet<>();
    Set<Topic> topics = new LinkedHashSet<>();
    for (AgendaItem item : items) {
      cells.add(List.of(item.topic().name(), item.expectation().name()));
      topics.add(item.topic());
    }
    return hints.forCells(cells, language).compose(cellHints -> hints.icebreakers(topics, language)
        .compose(icebreakers -> hints.communityForCells(cells, language).compose(community ->
            commitments.openFor(meeting.pairId(), meeting.id()).map(carried -> {
      JsonArray agenda = new JsonArray();
      for (int i = 0; i < items.size(); i++) {
        AgendaItem item = items.get(i);
        agenda.add(item.toJson().put("index", i).put("hints", new JsonArray(cellHints.stream()
            .filter(h -> h.topic() == item.topic() && h.expectation() == item.expectation())
            .map(Hint::toJson).toList()))
            .put("community", new JsonArray(community.stream()
                .filter(h -> h.topic() == item.topic() && h.expectation() == item.expectation())
                .limit(COMMUNITY_PER_ITEM).map(Hint::toJson).toList())));
      }
      return new JsonObject()
          .put("meetingId", meeting.id())
          .put("language", language)
          .put("agenda", agenda)
          .put("hints", new JsonArray(cellHints.stream().map(Hint::toJson).toList()))
          .put("icebreakers", new JsonArray(icebreakers.stream().map(Hint::toJson).toList()))
          .put("carriedOver", new JsonArray(carried.stream().map(PairCommitment::toJson).toList()));
    }))));
  }
}
