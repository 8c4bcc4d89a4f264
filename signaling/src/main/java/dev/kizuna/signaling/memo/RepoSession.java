package dev.kizuna.signaling.memo;

import java.util.Objects;

/**
 * Who is on the other end of an authenticated memo socket, decided by the application (session
 * cookie or {@code ?access_token=}) before the socket is served.
 *
 * @param userId the authenticated user; {@link DocumentAccess} is asked about this user
 */
public record RepoSession(String userId) {

  public RepoSession {
    Objects.requireNonNull(userId, "userId");
  }
}
