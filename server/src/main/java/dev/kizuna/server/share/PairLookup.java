package dev.kizuna.server.share;

import dev.kizuna.server.pair.Pair;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;

/** Finds a pair for one of its two people: 404 for an unknown pair, 403 for anyone else. */
final class PairLookup {

  private final PairRepository pairs;

  PairLookup(PairRepository pairs) {
    this.pairs = pairs;
  }

  /** The pair {@code pairId} if {@code userId} is in it. */
  Future<Pair> forMember(String pairId, String userId) {
    return pairs.findById(pairId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(HttpProblem.notFound("no such pair"));
      }
      if (!found.get().includes(userId)) {
        return Future.failedFuture(HttpProblem.forbidden("only the pair may do this"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  /** The pair {@code pairId} if {@code userId} is its member (the memo's owner), else 403. */
  Future<Pair> asMember(String pairId, String userId) {
    return forMember(pairId, userId).compose(pair -> pair.memberId().equals(userId)
        ? Future.succeededFuture(pair)
        : Future.failedFuture(HttpProblem.forbidden("only the member decides where their memos go")));
  }

  PairRepository repository() {
    return pairs;
  }
}
