package dev.kizuna.server.web;

import dev.kizuna.server.analytics.AnalyticsRoutes;
import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.auth.SessionRoutes;
import dev.kizuna.server.cue.CueRoutes;
import dev.kizuna.server.escalation.EscalationRoutes;
import dev.kizuna.server.feedback.FeedbackRoutes;
import dev.kizuna.server.health.HealthRoutes;
import dev.kizuna.server.hint.HintRoutes;
import dev.kizuna.server.hint.WordRoutes;
import dev.kizuna.server.insights.InsightsRoutes;
import dev.kizuna.server.meeting.GuestRoutes;
import dev.kizuna.server.meeting.MeetingRoutes;
import dev.kizuna.server.memo.MemoEndpoint;
import dev.kizuna.server.notification.NotificationRoutes;
import dev.kizuna.server.pair.PairRoutes;
import dev.kizuna.server.prep.PrepRoutes;
import dev.kizuna.server.pulse.PulseRoutes;
import dev.kizuna.server.reflection.ReflectionRoutes;
import dev.kizuna.server.room.RoomEndpoint;
import dev.kizuna.server.share.HandoverRoutes;
import dev.kizuna.server.share.ShareRoutes;
import dev.kizuna.server.share.ShareRuleRoutes;
import dev.kizuna.server.share.SharedLinkHandler;
import dev.kizuna.server.summary.SummaryRoutes;
import dev.kizuna.server.transcript.AudioEndpoint;
import dev.kizuna.server.transcript.TranscriptRoutes;
import dev.kizuna.server.user.Role;
import dev.kizuna.server.user.UserRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the router of one HTTP verticle: the OpenAPI-validated {@code /api} routes from
 * {@code openapi.yaml}, health, metrics, the room socket and the browser app.
 *
 * @param sessionStore where sessions live (in memory, or Redis shared by the nodes)
 * @param webrootDir serve the browser app from this folder instead of the classpath
 */
public record AppRouter(
    SessionRoutes sessions,
    UserRoutes users,
    PairRoutes pairs,
    MeetingRoutes meetings,
    GuestRoutes guests,
    RoomEndpoint rooms,
    AudioEndpoint audio,
    TranscriptRoutes transcripts,
    FeedbackRoutes feedback,
    ReflectionRoutes reflections,
    InsightsRoutes insights,
    WordRoutes words,
    HintRoutes hints,
    PrepRoutes prep,
    CueRoutes cues,
    SummaryRoutes summaries,
    Sharing sharing,
    MemoEndpoint memos,
    PulseRoutes pulse,
    AnalyticsRoutes analytics,
    HealthRoutes health,
    CurrentUser currentUser,
    PrometheusMeterRegistry registry,
    boolean secureCookies,
    Duration sessionTimeout,
    SessionStore sessionStore,
    Optional<Path> webrootDir) {

  /**
   * The routes of sharing and escalation: shares and their audit, the shared page, rules, handover,
   * escalations and notifications.
   */
  public record Sharing(ShareRoutes shares, SharedLinkHandler sharedPage, ShareRuleRoutes rules, HandoverRoutes handover,
      EscalationRoutes escalations, NotificationRoutes notifications) {}

  private static final Logger LOG = LoggerFactory.getLogger(AppRouter.class);
  /** Largest accepted request body (an agenda with 8 long notes is about 10 KB). */
  static final long MAX_BODY_BYTES = 64 * 1024;

  /** Loads the contract and builds the router. */
  public Future<Router> build(Vertx vertx) {
    return OpenAPIContract.from(vertx, "openapi.yaml").map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      SessionHandler sessionHandler = SessionHandler.create(sessionStore)
          .setSessionCookieName("kizuna.session")
          .setCookieHttpOnlyFlag(true)
          .setCookieSameSite(CookieSameSite.LAX)
          .setCookieSecureFlag(secureCookies)
          .setSessionTimeout(sessionTimeout.toMillis());
      BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
      builder.rootHandler(sessionHandler);
      builder.rootHandler(onApi(bodyHandler));
      builder.rootHandler(onApi(requireLogin()));

      builder.getRoute("login").addHandler(ctx -> sessions.login(ctx, sessionHandler));
      builder.getRoute("logout").addHandler(ctx -> sessions.logout(ctx, sessionHandler));
      builder.getRoute("issueToken").addHandler(sessions::issueToken);
      builder.getRoute("me").addHandler(users::me);
      builder.getRoute("createUser").addHandler(CurrentUser.anyRole(Role.ADMIN)).addHandler(users::create);
      builder.getRoute("createPair").addHandler(pairs::create);
      builder.getRoute("listPairs").addHandler(pairs::list);
      builder.getRoute("createMeeting").addHandler(meetings::create);
      builder.getRoute("submitFeedback").addHandler(feedback::submit);
      builder.getRoute("getFeedbackStatus").addHandler(feedback::status);
      builder.getRoute("createReflection").addHandler(reflections::create);
      builder.getRoute("getReflection").addHandler(reflections::get);
      builder.getRoute("listMyReflections").addHandler(reflections::mine);
      builder.getRoute("getMyInsights").addHandler(CurrentUser.anyRole(Role.MANAGER)).addHandler(insights::mine);
      builder.getRoute("getHintWords").addHandler(words::rank);
      builder.getRoute("listMeetings").addHandler(meetings::list);
      builder.getRoute("getMeeting").addHandler(meetings::get);
      builder.getRoute("putAgenda").addHandler(meetings::putAgenda);
      builder.getRoute("putGuests").addHandler(guests::put);
      builder.getRoute("endMeeting").addHandler(meetings::end);
      builder.getRoute("getMemo").addHandler(meetings::memo);
      builder.getRoute("getTranscript").addHandler(transcripts::get);
      builder.getRoute("getPrep").addHandler(prep::get);
      builder.getRoute("markHintHelpful").addHandler(cues::markHelpful);
      builder.getRoute("regenerateSummary").addHandler(summaries::regenerate);
      builder.getRoute("acceptSummary").addHandler(summaries::accept);
      builder.getRoute("listCarriedOver").addHandler(summaries::carriedOver);
      builder.getRoute("updatePromise").addHandler(summaries::updatePromise);
      builder.getRoute("createShare").addHandler(sharing.shares()::create);
      builder.getRoute("listShares").addHandler(sharing.shares()::list);
      builder.getRoute("revokeShare").addHandler(sharing.shares()::revoke);
      builder.getRoute("readShare").addHandler(sharing.shares()::read);
      builder.getRoute("listSharedWithMe").addHandler(sharing.shares()::sharedWithMe);
      builder.getRoute("listShareRules").addHandler(sharing.rules()::list);
      builder.getRoute("putShareRule").addHandler(sharing.rules()::put);
      builder.getRoute("deleteShareRule").addHandler(sharing.rules()::delete);
      builder.getRoute("handOverPair").addHandler(sharing.handover()::handover);
      builder.getRoute("createEscalation").addHandler(sharing.escalations()::create);
      builder.getRoute("listNotifications").addHandler(sharing.notifications()::list);
      builder.getRoute("markNotificationRead").addHandler(sharing.notifications()::markRead);
      builder.getRoute("listHints").addHandler(hints::list);
      builder.getRoute("createHint").addHandler(CurrentUser.anyRole(Role.ADMIN)).addHandler(hints::create);
      builder.getRoute("updateHint").addHandler(CurrentUser.anyRole(Role.ADMIN)).addHandler(hints::update);
      builder.getRoute("listPulseQuestions").addHandler(pulse::listQuestions);
      builder.getRoute("putPulseQuestions").addHandler(CurrentUser.anyRole(Role.ADMIN)).addHandler(pulse::putQuestions);
      builder.getRoute("submitPulse").addHandler(pulse::submit);
      builder.getRoute("myPulse").addHandler(pulse::history);
      builder.getRoute("pulseAggregate").addHandler(CurrentUser.anyRole(Role.ADMIN, Role.HR)).addHandler(pulse::aggregate);
      builder.getRoute("adminAnalytics").addHandler(CurrentUser.anyRole(Role.ADMIN)).addHandler(analytics::report);

      Router router = builder.createRouter();
      router.route("/api/*").handler(ctx -> ctx.fail(HttpProblem.notFound("no such API route")));
      router.get("/health").handler(health::handle);
      router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
      router.get("/openapi.yaml").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml; charset=utf-8")
          .sendFile("openapi.yaml"));
      router.route("/ws/rooms/:meetingId").handler(rooms::handle);
      router.route("/ws/rooms/:meetingId/audio").handler(audio::handle);
      router.route("/ws/memo").handler(memos::handle);
      router.get("/shared/:token").handler(sharing.sharedPage()::handle);
      mountBrowserApp(router);
      router.route().failureHandler(AppRouter::onFailure);
      return router;
    });
  }

  /** Every /api route but login needs a session user. */
  private Handler<RoutingContext> requireLogin() {
    Handler<RoutingContext> required = currentUser.required();
    return ctx -> {
      boolean login = ctx.request().method() == HttpMethod.POST && "/api/session".equals(ctx.normalizedPath());
      if (login) {
        ctx.next();
      } else {
        required.handle(ctx);
      }
    };
  }

  private static Handler<RoutingContext> onApi(Handler<RoutingContext> handler) {
    return ctx -> {
      if (ctx.normalizedPath().startsWith("/api/")) {
        handler.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }

  /** Static assets, and index.html for the client-side routes of the single-page app. */
  private void mountBrowserApp(Router router) {
    StaticHandler assets = webrootDir
        .map(dir -> StaticHandler.create(FileSystemAccess.ROOT, dir.toAbsolutePath().toString()))
        .orElseGet(() -> StaticHandler.create("webroot"));
    assets.setCachingEnabled(true).setMaxAgeSeconds(Duration.ofDays(7).toSeconds());
    String index = webrootDir.map(dir -> dir.resolve("index.html").toAbsolutePath().toString()).orElse("webroot/index.html");
    Handler<RoutingContext> spa = ctx -> ctx.response()
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile(index);
    router.get("/").handler(spa);
    router.get("/*").handler(assets);
    // Any other extension-less page path is a client-side route of the single-page app.
    router.getWithRegex("/(?!api/|ws/)[^.]*").handler(spa);
  }

  /** The OpenAPI router wraps validation errors in an HttpException; find the cause. */
  private static Throwable validationError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ValidatorException) {
        return t;
      }
    }
    return null;
  }

  /** Names the innermost failed schema constraints (up to three): they say what to fix. */
  private static String describe(ValidatorException e) {
    if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null
        || schema.getOutputUnit().getErrors() == null || schema.getOutputUnit().getErrors().isEmpty()) {
      return e.getMessage();
    }
    return "invalid request: " + schema.getOutputUnit().getErrors().stream()
        .sorted(Comparator.comparingInt((OutputUnit unit) -> unit.getInstanceLocation().length()).reversed())
        .limit(3)
        .map(unit -> unit.getInstanceLocation() + ": " + unit.getError())
        .collect(Collectors.joining("; "));
  }

  private static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    HttpProblem problem;
    if (failure instanceof HttpProblem p) {
      problem = p;
    } else if (validationError(failure) instanceof ValidatorException v) {
      problem = HttpProblem.badRequest(describe(v));
    } else if (ctx.statusCode() == 413) {
      problem = new HttpProblem(413, "Payload too large", "request bodies are limited to " + MAX_BODY_BYTES + " bytes");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      problem = new HttpProblem(ctx.statusCode(), "Bad request",
          failure != null && failure.getMessage() != null ? failure.getMessage() : "the request was refused");
    } else {
      LOG.error("request failed: {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
      problem = new HttpProblem(500, "Internal server error", "something went wrong on our side");
    }
    Responses.problem(ctx, problem);
  }
}
