package dev.kizuna.server.pair;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Two people who hold 1on1s: the member (whose meeting it is) and the manager (or mentor).
 * Names are copied in at creation so listings need no join.
 */
public record Pair(String id, String managerId, String memberId, String managerName, String memberName, PairKind kind,
    Instant createdAt) {

  /** Whether {@code userId} is one of the two. */
  public boolean includes(String userId) {
    return managerId.equals(userId) || memberId.equals(userId);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("managerId", managerId)
        .put("memberId", memberId)
        .put("managerName", managerName)
        .put("memberName", memberName)
        .put("kind", kind.name())
        .put("createdAt", createdAt.toString());
  }
}
