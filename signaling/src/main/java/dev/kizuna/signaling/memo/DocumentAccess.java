package dev.kizuna.signaling.memo;

import io.vertx.core.Future;

/**
 * Decides per user and document what the memo socket allows; the application implements it (the
 * meeting's pair may write its shared memo, a participant alone his private notes, share-link
 * viewers read). Asked on a connection's first message about a document and again when the
 * answer is older than {@link MemoLimits#accessTtl()}. A failed future counts as {@link Access#NONE}.
 */
@FunctionalInterface
public interface DocumentAccess {

  Future<Access> access(String userId, DocumentId id);

  /** Everyone may write every document (tests and single-user tools only). */
  static DocumentAccess allowAll() {
    return (user, id) -> Future.succeededFuture(Access.WRITE);
  }
}
