package dev.kizuna.signaling.memo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kizuna.signaling.memo.DecodeResult;
import dev.kizuna.signaling.memo.DocumentAccess;
import dev.kizuna.signaling.memo.MemoHooks;
import dev.kizuna.signaling.memo.MemoLimits;
import dev.kizuna.signaling.memo.MemoOptions;
import dev.kizuna.signaling.memo.RepoCodec;
import dev.kizuna.signaling.memo.RepoMessage;
import dev.kizuna.signaling.memo.RepoSession;
import dev.kizuna.signaling.memo.StoredDocument;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the memo socket's message decoding: every input is one binary frame, given to a fresh
 * socket (the handshake) and to a joined one, both real {@link RepoSocketImpl}s bound to a real
 * registry whose store holds a real memo, while a legitimate peer edits it. After each input: no
 * exception escaped, every frame the server wrote is a well-formed protocol message (errors with a
 * code and a short reason), the stored document loads and equals what the legitimate peer has,
 * and that peer can still edit and sync. Seeds (valid frames with real Automerge changes) come
 * from {@link MemoFuzzSeeds}.
 *
 * <p>Without {@code JAZZER_FUZZ} the seeds and saved findings run as regression tests; the
 * {@code memo-fuzz} surefire execution sets it and fuzzes for 25 s.
 */
class MemoSocketFuzzTest {

  /** Longest error text a client may get back, whatever it sent. */
  private static final int MAX_ERROR_TEXT = 256;
  private static final int EDIT_EVERY = 8;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  // Rate limits out of the way: the fuzzer sends hundreds of frames a second.
  private static final MemoLimits LIMITS = new MemoLimits(1024 * 1024, Integer.MAX_VALUE, Integer.MAX_VALUE,
      Long.MAX_VALUE, 256, 64 * 1024, Duration.ofMinutes(10));

  private static Vertx vertx;
  private static Context context;
  private static InMemoryMemoStore store;
  private static LocalDocumentRegistry registry;
  private static JavaPeer peer;
  private static FakeSocket attacker;
  private static int inputs;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    store = new InMemoryMemoStore();
    JavaPeer.await(store.create(MemoFuzzSeeds.DOC, resource(MemoFuzzSeeds.BASE_RESOURCE)));
    registry = new LocalDocumentRegistry(vertx, store, MemoOptions.defaults().withPeerId(MemoFuzzSeeds.SERVER),
        MemoHooks.NONE);
    peer = new JavaPeer(registry, MemoFuzzSeeds.DOC);
    peer.syncUp();
    assertThat(peer.text("free")).isEqualTo("hello");
  }

  @AfterAll
  static void stop() {
    peer.close();
    JavaPeer.await(registry.close());
    JavaPeer.await(vertx.close());
  }

  @FuzzTest(maxDuration = "25s")
  @DictionaryEntries({"type", "senderId", "targetId", "documentId", "data", "sessionId", "count", "peerMetadata",
      "supportedProtocolVersions", "join", "sync", "request", "ephemeral", "leave", "doc-unavailable", "error",
      "remote-heads-changed", "remote-subscription-change", MemoFuzzSeeds.ATTACKER, MemoFuzzSeeds.SERVER,
      "4DuvTj6TeZk8gA6yjPyZrxkfacRi", "automerge:4DuvTj6TeZk8gA6yjPyZrxkfacRi"})
  void frames(byte[] frame) {
    FakeSocket fresh = onContext(() -> FakeSocket.open("fuzz-user"));
    onContext(() -> fresh.receive(frame));
    onContext(fresh::disconnect);
    if (attacker == null || attacker.closed) {
      attacker = onContext(() -> FakeSocket.open("fuzz-user"));
      onContext(() -> attacker.receive(RepoCodec.encode(
          new RepoMessage.Join(MemoFuzzSeeds.ATTACKER, Map.of(), List.of("1")))));
      assertThat(attacker.written.poll()).isInstanceOf(RepoMessage.Peer.class);
    }
    FakeSocket joined = attacker;
    onContext(() -> joined.receive(frame));
    // The document's queue runs the frame's work before this read; the context hop after it lets
    // the socket write what that work answered.
    JavaPeer.await(registry.read(MemoFuzzSeeds.DOC, d -> null));
    onContext(() -> null);

    fresh.checkWritten();
    joined.checkWritten();
    peerStillEditsAndMatchesTheStore();
  }

  /**
   * Syncs the legitimate peer (with an edit of its own every {@link #EDIT_EVERY} inputs: each
   * edit is a stored change, and the document's growth would slow the fuzzer down) and compares
   * its document with the server's and the store's.
   */
  private static void peerStillEditsAndMatchesTheStore() {
    peer.syncUp();
    String expected = peer.text("free");
    if (++inputs % EDIT_EVERY == 0) {
      peer.edit(tx -> tx.spliceText(peer.textId("free"), 0, 0, "x"));
      peer.syncUp();
      expected = "x" + expected;
    }
    List<String> peerHeads = heads(peer.doc);
    List<String> serverHeads = JavaPeer.await(registry.read(MemoFuzzSeeds.DOC, MemoSocketFuzzTest::heads));
    assertThat(serverHeads).as("server heads").isEqualTo(peerHeads);
    StoredDocument stored = JavaPeer.await(store.load(MemoFuzzSeeds.DOC)).orElseThrow();
    Document loaded = Document.load(stored.snapshot());
    try {
      stored.changes().forEach(c -> loaded.applyEncodedChanges(c.bytes()));
      assertThat(heads(loaded)).as("stored heads").isEqualTo(peerHeads);
      String text = loaded.get(ObjectId.ROOT, "free")
          .map(v -> loaded.text(((org.automerge.AmValue.Text) v).getId()).orElseThrow()).orElseThrow();
      assertThat(text).as("stored text").isEqualTo(peer.text("free")).isEqualTo(expected);
    } finally {
      loaded.free();
    }
  }

  private static List<String> heads(Document d) {
    return Arrays.stream(d.getHeads()).map(h -> HexFormat.of().formatHex(h.getBytes())).sorted().toList();
  }

  private static byte[] resource(String name) {
    try (InputStream in = MemoSocketFuzzTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void onContext(Runnable action) {
    onContext(() -> {
      action.run();
      return null;
    });
  }

  private static <T> T onContext(Callable<T> action) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        done.complete(action.call());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    try {
      return done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the socket threw", e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The part of a Vert.x {@link ServerWebSocket} that {@link RepoSocketImpl} uses, in memory:
   * frames in through its handler, frames out decoded into {@link #written}, close as Vert.x does.
   */
  private static final class FakeSocket {
    final ConcurrentLinkedQueue<RepoMessage> written = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> malformed = new ConcurrentLinkedQueue<>();
    volatile boolean closed;
    private Handler<Buffer> binaryHandler;
    private Handler<Void> closeHandler;

    /** Serves a new socket for {@code user}; call on {@link #context}. */
    static FakeSocket open(String user) {
      FakeSocket fake = new FakeSocket();
      ServerWebSocket socket = (ServerWebSocket) Proxy.newProxyInstance(MemoSocketFuzzTest.class.getClassLoader(),
          new Class<?>[] {ServerWebSocket.class}, (proxy, method, args) -> fake.handle(proxy, method.getName(), args));
      new RepoSocketImpl(socket, new RepoSession(user), registry, DocumentAccess.allowAll(), LIMITS).start();
      return fake;
    }

    @SuppressWarnings("unchecked")
    private Object handle(Object proxy, String method, Object[] args) {
      switch (method) {
        case "binaryMessageHandler" -> binaryHandler = (Handler<Buffer>) args[0];
        case "closeHandler" -> closeHandler = (Handler<Void>) args[0];
        case "textMessageHandler", "exceptionHandler" -> { }
        case "writeBinaryMessage" -> {
          byte[] bytes = ((Buffer) args[0]).getBytes();
          if (RepoCodec.decode(bytes, Integer.MAX_VALUE) instanceof DecodeResult.Decoded d) {
            written.add(d.message());
          } else {
            malformed.add(HexFormat.of().formatHex(bytes));
          }
          return Future.succeededFuture();
        }
        case "close" -> {
          disconnect();
          return Future.succeededFuture();
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        default -> throw new UnsupportedOperationException(method);
      }
      return proxy;
    }

    void receive(byte[] frame) {
      if (!closed) {
        binaryHandler.handle(Buffer.buffer(frame));
      }
    }

    void disconnect() {
      if (!closed) {
        closed = true;
        closeHandler.handle(null);
      }
    }

    /** Every frame written so far is a protocol message; errors name a code and a short reason. */
    void checkWritten() {
      assertThat(malformed).as("undecodable frames from the server").isEmpty();
      RepoMessage m;
      while ((m = written.poll()) != null) {
        assertThat(m.senderId()).isEqualTo(MemoFuzzSeeds.SERVER);
        if (m instanceof RepoMessage.Error e) {
          assertThat(e.code()).as("error code of '%s'", e.message()).isNotBlank();
          assertThat(e.message()).as("reason of %s", e.code()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_ERROR_TEXT);
        } else {
          assertThat(m).isInstanceOfAny(RepoMessage.Peer.class, RepoMessage.Sync.class,
              RepoMessage.DocUnavailable.class, RepoMessage.Ephemeral.class);
        }
      }
    }
  }
}
