package dev.kizuna.server.share;

import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.web.HttpProblem;
import io.vertx.core.Future;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /shared/{token}}: the read-only page of a link share. Unknown, malformed, expired and
 * revoked tokens get the same 404 and count as a guess of the client address ({@link GuessLimiter});
 * an address over its limit gets 429 with {@code Retry-After} whatever it asks. Every page shown is
 * first recorded in the audit log.
 */
public final class SharedLinkHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SharedLinkHandler.class);

  private final ShareService shares;
  private final CurrentUser currentUser;
  private final GuessLimiter limiter;

  public SharedLinkHandler(ShareService shares, CurrentUser currentUser, GuessLimiter limiter) {
    this.shares = shares;
    this.currentUser = currentUser;
    this.limiter = limiter;
  }

  public void handle(RoutingContext ctx) {
    String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    Optional<Locale> asked = askedLocale(ctx);
    long retryAfter = limiter.retryAfterSeconds(address);
    if (retryAfter > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
      send(ctx, 429, SharedPage.message(asked.orElse(Locale.ENGLISH), "tooMany"));
      return;
    }
    shares.openLink(ctx.pathParam("token")).compose(found -> {
      if (found.isEmpty()) {
        limiter.miss(address);
        send(ctx, 404, SharedPage.message(asked.orElse(Locale.ENGLISH), "notFound"));
        return Future.succeededFuture();
      }
      Share share = found.get();
      Locale locale = asked.orElse(Locale.forLanguageTag(share.locale()));
      return currentUser.load(ctx.session())
          .compose(reader -> shares.recordView(share, reader, address))
          .compose(v -> shares.content(share, locale))
          .map(content -> {
            send(ctx, 200, SharedPage.render(content, locale));
            return null;
          });
    }).onFailure(e -> {
      LOG.error("shared page failed", e);
      ctx.fail(new HttpProblem(500, "Internal server error", "something went wrong on our side"));
    });
  }

  /** The first of English or Japanese in the reader's Accept-Language, if any. */
  private static Optional<Locale> askedLocale(RoutingContext ctx) {
    for (LanguageHeader language : ctx.acceptableLanguages()) {
      String tag = language.tag().toLowerCase(Locale.ROOT);
      if (tag.equals("ja") || tag.equals("en")) {
        return Optional.of(Locale.forLanguageTag(tag));
      }
    }
    return Optional.empty();
  }

  private static void send(RoutingContext ctx, int status, String html) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Robots-Tag", "noindex, nofollow")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", SharedPage.CONTENT_SECURITY_POLICY)
        .end(html);
  }
}
