package dev.kizuna.server.share;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.db.MongoDates;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.web.HttpProblem;
import dev.kizuna.server.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET/PUT /api/pairs/{id}/share-rules} and {@code DELETE /api/pairs/{id}/share-rules/{recipientId}}:
 * both parties see the rules; only the member adds one (their consent); either party removes one.
 */
public final class ShareRuleRoutes {

  /** Most rules one pair may have. */
  public static final int MAX_RULES = 10;

  private final PairLookup pairs;
  private final ShareRuleRepository rules;
  private final UserRepository users;

  public ShareRuleRoutes(PairRepository pairs, ShareRuleRepository rules, UserRepository users) {
    this.pairs = new PairLookup(pairs);
    this.rules = rules;
    this.users = users;
  }

  public void list(RoutingContext ctx) {
    Responses.ok(ctx, () -> pairs.forMember(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id())
        .compose(pair -> rules.forPair(pair.id()))
        .map(list -> new JsonArray(list.stream().map(ShareRule::toJson).toList())));
  }

  /** Body {@code {recipientId | recipientEmail, includeTranscript?}}; answers the pair's rules. */
  public void put(RoutingContext ctx) {
    String me = CurrentUser.of(ctx).id();
    JsonObject body = Responses.body(ctx);
    Responses.ok(ctx, () -> pairs.asMember(Responses.pathParam(ctx, "id"), me).compose(pair ->
        Recipients.named(users, body).compose(recipient -> {
          if (pair.includes(recipient.id())) {
            return Future.failedFuture(HttpProblem.unprocessable("the pair sees its memos already; name a third party"));
          }
          return rules.forPair(pair.id()).compose(existing -> {
            boolean replaces = existing.stream().anyMatch(r -> r.recipientId().equals(recipient.id()));
            if (!replaces && existing.size() >= MAX_RULES) {
              return Future.failedFuture(HttpProblem.unprocessable("a pair may have at most " + MAX_RULES + " rules"));
            }
            return rules.put(new ShareRule(pair.id(), recipient.id(), recipient.name(),
                body.getBoolean("includeTranscript", false), me, MongoDates.storable(Instant.now())));
          }).compose(v -> rules.forPair(pair.id()));
        }))
        .map(list -> new JsonArray(list.stream().map(ShareRule::toJson).toList())));
  }

  public void delete(RoutingContext ctx) {
    String recipientId = Responses.pathParam(ctx, "recipientId");
    Responses.ok(ctx, () -> pairs.forMember(Responses.pathParam(ctx, "id"), CurrentUser.of(ctx).id())
        .compose(pair -> rules.delete(pair.id(), recipientId).compose(found -> found
            ? rules.forPair(pair.id())
            : Future.failedFuture(HttpProblem.notFound("the pair has no rule for this recipient"))))
        .map(list -> new JsonArray(list.stream().map(ShareRule::toJson).toList())));
  }
}
