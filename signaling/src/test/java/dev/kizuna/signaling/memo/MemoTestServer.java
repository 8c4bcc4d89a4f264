package dev.kizuna.signaling.memo;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * A real HTTP server on a random port that serves {@link RepoSocket} on {@code /ws/memo?user=u};
 * authenticating is the server module's job. Access is granted per user and document by the test
 * ({@link #grant}); everything else is {@link Access#NONE}.
 */
final class MemoTestServer implements AutoCloseable {

  final Vertx vertx;
  final MemoStore store;
  final DocumentRegistry registry;
  final MemoLimits limits;
  private final HttpServer server;
  private final Map<String, Access> grants = new ConcurrentHashMap<>();

  MemoTestServer(MemoOptions options, MemoLimits limits) {
    this(options, limits, MemoStore.inMemory());
  }

  MemoTestServer(MemoOptions options, MemoLimits limits, MemoStore store) {
    this.vertx = Vertx.vertx();
    this.store = store;
    this.limits = limits;
    this.registry = DocumentRegistry.create(vertx, store, options, MemoHooks.NONE);
    DocumentAccess access = (user, id) -> Future.succeededFuture(grants.getOrDefault(user + " " + id, Access.NONE));
    // Vert.x must let frames through up to twice the engine's limit, so the engine answers oversized ones.
    HttpServerOptions http = new HttpServerOptions()
        .setMaxWebSocketFrameSize(2 * limits.maxMessageBytes())
        .setMaxWebSocketMessageSize(2 * limits.maxMessageBytes());
    server = vertx.createHttpServer(http).webSocketHandler(ws -> {
      Map<String, List<String>> query = new QueryStringDecoder(ws.uri()).parameters();
      String user = query.getOrDefault("user", List.of("anonymous")).get(0);
      RepoSocket.serve(ws, new RepoSession(user), registry, access, limits);
    });
    await(server.listen(0));
  }

  String url(String user) {
    return "ws://localhost:" + server.actualPort() + "/ws/memo?user=" + user;
  }

  int port() {
    return server.actualPort();
  }

  void grant(String user, DocumentId id, Access access) {
    grants.put(user + " " + id, access);
  }

  /** Creates a memo document with an empty text field {@code free} (and {@code edits} one-character edits in it). */
  DocumentId createMemo(int edits) {
    Document doc = new Document();
    try {
      ObjectId free;
      try (Transaction tx = doc.startTransaction()) {
        free = tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
        tx.set(ObjectId.ROOT, "schemaVersion", 1);
        tx.commit();
      }
      for (int i = 0; i < edits; i++) {
        try (Transaction tx = doc.startTransaction()) {
          tx.spliceText(free, i, 0, String.valueOf((char) ('a' + i % 26)));
          tx.commit();
        }
      }
      return await(registry.create(doc.save()));
    } finally {
      doc.free();
    }
  }

  <T> T read(DocumentId id, Function<Document, T> reader) {
    return await(registry.read(id, reader));
  }

  String text(DocumentId id, String field) {
    return read(id, d -> d.get(ObjectId.ROOT, field)
        .map(v -> d.text(((org.automerge.AmValue.Text) v).getId()).orElse(null)).orElse(null));
  }

  /** The server's heads as lower-case hex, as JS {@code getHeads} gives them. */
  List<String> heads(DocumentId id) {
    return read(id, d -> java.util.Arrays.stream(d.getHeads())
        .map(h -> java.util.HexFormat.of().formatHex(h.getBytes())).sorted().toList());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    await(registry.close());
    await(vertx.close());
  }
}
