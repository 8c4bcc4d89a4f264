package dev.kizuna.server;

import dev.kizuna.server.analytics.AnalyticsRoutes;
import dev.kizuna.server.analytics.MeetingActivity;
import dev.kizuna.server.auth.AccessTokens;
import dev.kizuna.server.auth.CurrentUser;
import dev.kizuna.server.auth.PasswordHasher;
import dev.kizuna.server.auth.SessionRoutes;
import dev.kizuna.server.auth.SessionSockets;
import dev.kizuna.server.cluster.Cluster;
import dev.kizuna.server.config.KizunaConfig;
import dev.kizuna.server.cue.CueRoutes;
import dev.kizuna.server.cue.LiveCues;
import dev.kizuna.server.cue.ShownHints;
import dev.kizuna.server.db.DatabaseLock;
import dev.kizuna.server.db.MongoStore;
import dev.kizuna.server.escalation.EscalationMailer;
import dev.kizuna.server.escalation.EscalationRepository;
import dev.kizuna.server.escalation.EscalationRoutes;
import dev.kizuna.server.escalation.EscalationService;
import dev.kizuna.server.demo.DemoSeeder;
import dev.kizuna.server.feedback.FeedbackAggregates;
import dev.kizuna.server.feedback.FeedbackAnalytics;
import dev.kizuna.server.feedback.FeedbackRelease;
import dev.kizuna.server.feedback.FeedbackRepository;
import dev.kizuna.server.feedback.FeedbackRoutes;
import dev.kizuna.server.feedback.ManagerLock;
import dev.kizuna.server.health.HealthRoutes;
import dev.kizuna.server.hint.HintLibrary;
import dev.kizuna.server.hint.HintRepository;
import dev.kizuna.server.hint.HintRoutes;
import dev.kizuna.server.hint.PendingHints;
import dev.kizuna.server.hint.WordRoutes;
import dev.kizuna.server.insights.InsightsRoutes;
import dev.kizuna.server.media.RoomMedia;
import dev.kizuna.server.meeting.GuestRoutes;
import dev.kizuna.server.meeting.MeetingRepository;
import dev.kizuna.server.meeting.MeetingRoutes;
import dev.kizuna.server.meeting.PairGate;
import dev.kizuna.server.memo.MeetingMemoAccess;
import dev.kizuna.server.memo.MemoDocuments;
import dev.kizuna.server.memo.MemoEndpoint;
import dev.kizuna.server.memo.MemoService;
import dev.kizuna.server.memo.MemoStorageId;
import dev.kizuna.server.memo.MemoTextIndexer;
import dev.kizuna.server.memo.MongoMemoStore;
import dev.kizuna.server.notification.NotificationRepository;
import dev.kizuna.server.notification.NotificationRoutes;
import dev.kizuna.server.pair.PairRepository;
import dev.kizuna.server.pair.PairRoutes;
import dev.kizuna.server.prep.PrepRoutes;
import dev.kizuna.server.pulse.PulseQuestionRepository;
import dev.kizuna.server.pulse.PulseRepository;
import dev.kizuna.server.pulse.PulseRoutes;
import dev.kizuna.server.pulse.PulseSatisfaction;
import dev.kizuna.server.reflection.ReflectionRepository;
import dev.kizuna.server.reflection.ReflectionRoutes;
import dev.kizuna.server.room.RoomEndpoint;
import dev.kizuna.server.share.GuessLimiter;
import dev.kizuna.server.share.HandoverRoutes;
import dev.kizuna.server.share.RuleSharing;
import dev.kizuna.server.share.ShareAudit;
import dev.kizuna.server.share.ShareNotices;
import dev.kizuna.server.share.ShareRepository;
import dev.kizuna.server.share.ShareRoutes;
import dev.kizuna.server.share.ShareRuleRepository;
import dev.kizuna.server.share.ShareRuleRoutes;
import dev.kizuna.server.share.ShareService;
import dev.kizuna.server.share.SharedLinkHandler;
import dev.kizuna.server.summary.CommitmentRepository;
import dev.kizuna.server.summary.SummaryRepository;
import dev.kizuna.server.summary.SummaryRoutes;
import dev.kizuna.server.summary.SummaryService;
import dev.kizuna.server.transcript.AudioEndpoint;
import dev.kizuna.server.transcript.ConsentLog;
import dev.kizuna.server.transcript.LiveTranscription;
import dev.kizuna.server.transcript.TranscriptRepository;
import dev.kizuna.server.transcript.TranscriptRetention;
import dev.kizuna.server.transcript.TranscriptRoutes;
import dev.kizuna.server.user.AdminBootstrap;
import dev.kizuna.server.user.UserRepository;
import dev.kizuna.server.user.UserRoutes;
import dev.kizuna.server.web.AppRouter;
import dev.kizuna.server.web.BoundedWorker;
import dev.kizuna.server.web.HttpVerticle;
import dev.kizuna.signaling.RoomHooks;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomLimits;
import dev.kizuna.signaling.memo.DocumentRegistry;
import dev.kizuna.signaling.memo.MemoLimits;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.summarizer.Summarizer;
import dev.kizuna.transcription.Transcriber;
import dev.kizuna.transcription.TranscriptionOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database, builds repositories and services, bootstraps
 * the admin (and the demo), and deploys the HTTP verticles. One instance is one node.
 */
public final class Kizuna {

  private static final Logger LOG = LoggerFactory.getLogger(Kizuna.class);
  private final Vertx vertx;
  private final MongoStore store;
  private final DocumentRegistry registry;
  private final Transcriber transcriber;
  private final Summarizer summarizer;
  private final FeedbackRelease feedbackRelease;
  private final TranscriptRetention retention;
  private final Cluster cluster;
  private final EscalationMailer mailer;
  private final String deploymentId;
  private final int port;

  private Kizuna(Vertx vertx, MongoStore store, DocumentRegistry registry, Transcriber transcriber,
      Summarizer summarizer, TranscriptRetention retention, FeedbackRelease feedbackRelease, EscalationMailer mailer,
      Cluster cluster, String deploymentId, int port) {
    this.vertx = vertx;
    this.store = store;
    this.registry = registry;
    this.transcriber = transcriber;
    this.feedbackRelease = feedbackRelease;
    this.summarizer = summarizer;
    this.retention = retention;
    this.cluster = cluster;
    this.mailer = mailer;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  /** A Vert.x instance whose metrics go to {@code registry} (served at {@code /metrics}). */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    // vertx-micrometer keeps backends in a JVM-wide map by registry name: under the shared default
    // name, a second Vert.x in this JVM would record into the first one's registry, not this one.
    String registryName = "kizuna-" + UUID.randomUUID();
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true).setRegistryName(registryName)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** A fresh Prometheus registry. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Starts one node.
   *
   * @param demoPassword when present, seeds the demo pair and meeting with this password
   */
  public static Future<Kizuna> start(Vertx vertx, PrometheusMeterRegistry registry, KizunaConfig config,
      Optional<String> demoPassword) {
    return MongoStore.open(vertx, config.mongoUrl(), config.dataDir(), config.mongoDatabase())
        .compose(store -> MemoStorageId.load(store)
            .compose(storageId -> wire(vertx, registry, config, store, storageId, demoPassword))
            .recover(e -> store.close().transform(ignored -> Future.failedFuture(e))));
  }

  private static Future<Kizuna> wire(Vertx vertx, PrometheusMeterRegistry registry, KizunaConfig config,
      MongoStore store, String memoStorageId, Optional<String> demoPassword) {
    UserRepository users = new UserRepository(store);
    PairRepository pairs = new PairRepository(store);
    MeetingRepository meetings = new MeetingRepository(store);
    PairGate gate = new PairGate(meetings);
    PasswordHasher hasher = new PasswordHasher(vertx, config.passwordIterations());
    Cluster cluster = config.redisUrl()
        .map(url -> Cluster.redis(vertx, url, config.redisKeyPrefix()))
        .orElseGet(() -> Cluster.single(vertx));
    RoomHub hub = cluster.hub();
    MongoMemoStore memoStore = new MongoMemoStore(store);
    MemoDocuments memoDocuments = new MemoDocuments(store);
    AtomicReference<DocumentRegistry> registryRef = new AtomicReference<>();
    DocumentRegistry memoRegistry = DocumentRegistry.create(vertx, memoStore, MemoOptions.defaults().withStorageId(memoStorageId),
        new MemoTextIndexer(vertx, memoDocuments, registryRef::get), cluster.memoFanout());
    registryRef.set(memoRegistry);
    MemoService memos = new MemoService(memoRegistry, memoDocuments, meetings);
    TranscriptRepository transcripts = new TranscriptRepository(store);
    ConsentLog consents = new ConsentLog(store);
    Transcriber transcriber = Transcriber.create(vertx, transcriptionOptions(config));
    HintRepository hints = new HintRepository(store);
    ShownHints shownHints = new ShownHints(store);
    LiveCues liveCues = new LiveCues(hub, meetings, users, hints, shownHints, Clock.systemUTC(), cluster.events());
    LiveTranscription liveTranscription = new LiveTranscription(transcriber, hub, consents, transcripts, meetings, users,
        Clock.systemUTC(), liveCues, cluster.events());
    TranscriptRetention retention = new TranscriptRetention(vertx, transcripts, config.transcription().retention(),
        Clock.systemUTC());
    SummaryRepository summaries = new SummaryRepository(store);
    FeedbackRepository feedback = new FeedbackRepository(store);
    FeedbackAggregates feedbackAggregates = new FeedbackAggregates(store, feedback);
    PendingHints pendingHints = new PendingHints(store, hints);
    ReflectionRepository reflections = new ReflectionRepository(store);
    // The lease outlasts any release of one manager; a node that dies holding it blocks others at most this long.
    ManagerLock managerLock = new ManagerLock(new DatabaseLock(vertx, store, Clock.systemUTC(), Duration.ofSeconds(30)));
    FeedbackRelease feedbackRelease = new FeedbackRelease(vertx, feedback, feedbackAggregates, pendingHints, users,
        managerLock, config.feedbackReleaseInterval(), registry);
    CommitmentRepository commitments = new CommitmentRepository(store);
    Summarizer summarizer = Summarizer.create(vertx, config.summarizer());
    ShareRepository shareRepository = new ShareRepository(store);
    ShareAudit shareAudit = new ShareAudit(store);
    ShareRuleRepository shareRules = new ShareRuleRepository(store);
    NotificationRepository notifications = new NotificationRepository(store);
    EscalationRepository escalations = new EscalationRepository(store);
    ShareNotices shareNotices = new ShareNotices(notifications);
    ShareService shares = new ShareService(shareRepository, shareAudit, meetings, memos, transcripts, Clock.systemUTC());
    SummaryService summaryService = new SummaryService(summarizer, memos, transcripts, users, summaries, commitments,
        new RuleSharing(shareRules, shares, users, shareNotices));
    EscalationMailer mailer = EscalationMailer.create(vertx, config.mail(), config.publicUrl());
    AccessTokens tokens = new AccessTokens(store);
    SessionSockets sessionSockets = new SessionSockets(cluster.events());
    CurrentUser currentUser = new CurrentUser(users, tokens, sessionSockets);
    AppRouter.Sharing sharing = new AppRouter.Sharing(
        new ShareRoutes(gate, shares, users, shareNotices),
        new SharedLinkHandler(shares, currentUser,
            new GuessLimiter(config.shareGuessesPerMinute(), Duration.ofMinutes(1), Clock.systemUTC())),
        new ShareRuleRoutes(pairs, shareRules, users),
        new HandoverRoutes(pairs, meetings, users, shares),
        new EscalationRoutes(gate,
            new EscalationService(escalations, notifications, users, mailer, Clock.systemUTC())),
        new NotificationRoutes(notifications));
    UserRoutes userRoutes = new UserRoutes(users, hasher);
    PulseQuestionRepository pulseQuestions = new PulseQuestionRepository(store);
    PulseRepository pulses = new PulseRepository(store);
    // Pulse aggregates and analytics: grouping in Java, one thread, at most 8 reports waiting.
    BoundedWorker reports = new BoundedWorker(vertx, "kizuna-reports", 1, 8, "too many reports at once, try again shortly");
    AppRouter app = new AppRouter(
        new SessionRoutes(users, hasher, tokens, sessionSockets, registry),
        userRoutes,
        new PairRoutes(pairs, users),
        new MeetingRoutes(meetings, pairs, hub, memos, summaryService),
        new GuestRoutes(meetings, users),
        new RoomEndpoint(currentUser, meetings, hub, config.iceServers(), RoomLimits.DEFAULT,
            RoomHooks.chain(liveTranscription, liveCues, RoomMedia.hooks(vertx, config.media(), hub))),
        new AudioEndpoint(currentUser, meetings, liveTranscription),
        new TranscriptRoutes(gate, transcripts, consents),
        new FeedbackRoutes(gate, feedback, pendingHints, managerLock, Clock.systemUTC()),
        new ReflectionRoutes(gate, reflections, pendingHints, Clock.systemUTC()),
        new InsightsRoutes(feedbackAggregates),
        new WordRoutes(vertx, hints),
        new HintRoutes(hints),
        new PrepRoutes(gate, hints, commitments),
        new CueRoutes(gate, shownHints),
        new SummaryRoutes(gate, summaryService, commitments, pairs),
        sharing,
        new MemoEndpoint(currentUser, memoRegistry, new MeetingMemoAccess(memoDocuments, meetings), MemoLimits.DEFAULT),
        new PulseRoutes(pulseQuestions, pulses, reports, Clock.systemUTC()),
        new AnalyticsRoutes(new MeetingActivity(store), new PulseSatisfaction(pulses, reports),
            new FeedbackAnalytics(feedbackAggregates, users, reports), reports, Clock.systemUTC()),
        new HealthRoutes(store, config.dataDir(), config.mongoUrl().isEmpty()),
        currentUser,
        registry,
        config.secureCookies(),
        config.sessionTimeout(),
        cluster.sessions(),
        config.webrootDir());
    Future<Void> seeded = users.createIndexes()
        .compose(v -> pairs.createIndexes())
        .compose(v -> meetings.createIndexes())
        .compose(v -> tokens.createIndexes())
        .compose(v -> memoStore.createIndexes())
        .compose(v -> transcripts.createIndexes())
        .compose(v -> consents.createIndexes())
        .compose(v -> hints.createIndexes())
        .compose(v -> shownHints.createIndexes())
        .compose(v -> shareRepository.createIndexes())
        .compose(v -> shareAudit.createIndexes())
        .compose(v -> shareRules.createIndexes())
        .compose(v -> notifications.createIndexes())
        .compose(v -> escalations.createIndexes())
        .compose(v -> summaries.createIndexes())
        .compose(v -> commitments.createIndexes())
        .compose(v -> feedback.createIndexes())
        .compose(v -> feedbackAggregates.createIndexes())
        .compose(v -> pendingHints.createIndexes())
        .compose(v -> reflections.createIndexes())
        .compose(v -> pulses.createIndexes())
        .compose(v -> vertx.executeBlocking(HintLibrary::load))
        .compose(hints::seed)
        .onSuccess(added -> LOG.info("hint library: {} hints added", added))
        .compose(v -> AdminBootstrap.run(users, userRoutes, config.adminEmail(), config.adminPassword()))
        .compose(v -> demoPassword
            .map(p -> new DemoSeeder(users, userRoutes, hasher, pairs, meetings).seed(p).<Void>mapEmpty())
            .orElseGet(Future::succeededFuture));
    // Port 0 means "any free port": one instance, so that there is one port to report.
    int instances = config.httpPort() == 0 ? 1 : config.httpInstances();
    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    return seeded
        .compose(v -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(app::build, config.httpHost(), config.httpPort(),
              Math.max(MemoLimits.DEFAULT.maxMessageBytes(), RoomLimits.DEFAULT.maxMessageBytes()));
          first.compareAndSet(null, verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(instances)))
        .map(id -> {
          retention.start();
          feedbackRelease.start();
          return new Kizuna(vertx, store, memoRegistry, transcriber, summarizer, retention, feedbackRelease, mailer,
              cluster, id,
              first.get().actualPort());
        });
  }

  private static TranscriptionOptions transcriptionOptions(KizunaConfig config) {
    TranscriptionOptions options = TranscriptionOptions.defaults(config.dataDir().resolve("models"))
        .withWorkerThreads(config.transcription().workers());
    for (var model : config.transcription().modelDirs().entrySet()) {
      options = options.withModelDir(model.getKey(), model.getValue());
    }
    for (var download : config.transcription().downloads().entrySet()) {
      options = options.withDownload(download.getKey(), download.getValue());
    }
    return options;
  }

  /** The node's database (tests and tools that need data no route writes). */
  public MongoStore store() {
    return store;
  }

  /** The HTTP port this node listens on. */
  public int port() {
    return port;
  }

  /**
   * Undeploys the HTTP verticles, saves and unloads the live memo documents, releases the
   * recognisers, the Redis connections (if any) and the summariser's workers, and closes the database (the embedded one commits).
   */
  public Future<Void> stop() {
    retention.stop();
    feedbackRelease.stop();
    return vertx.undeploy(deploymentId)
        .eventually(registry::close)
        .eventually(transcriber::close)
        .eventually(cluster::close)
        .eventually(() -> {
          summarizer.close();
          mailer.close();
          return Future.succeededFuture();
        })
        .eventually(store::close);
  }
}
