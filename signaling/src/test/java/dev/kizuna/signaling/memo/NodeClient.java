package dev.kizuna.signaling.memo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stock automerge-repo client in a Node process (src/test/node/client.mjs), driven over
 * stdin/stdout. Each call waits for the client's answer and fails the test on a client error.
 * Other modules use it through this module's test jar, pointing the system property
 * {@code kizuna.memo.nodeClientDir} at this module's {@code src/test/node}.
 */
public final class NodeClient implements AutoCloseable {

  static final Path DIR = Path.of(System.getProperty("kizuna.memo.nodeClientDir", "src/test/node"));
  private static final long TIMEOUT_SECONDS = 20;

  private final Process process;
  private final Writer stdin;
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final StringBuffer stderr = new StringBuffer();
  private String name;
  private String peerId;

  /**
   * Node takes about a second to start and load Automerge's WebAssembly; a spare process is kept
   * booting in the background so that the next client starts at once.
   */
  private static final java.util.concurrent.BlockingQueue<NodeClient> SPARES =
      new java.util.concurrent.LinkedBlockingQueue<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> SPARES.forEach(c -> c.process.destroyForcibly())));
  }

  private NodeClient(String name) throws IOException {
    this.name = name;
    if (!Files.isDirectory(DIR.resolve("node_modules/@automerge/automerge-repo"))) {
      throw new IllegalStateException("Node test clients are not installed: run 'npm install' in " + DIR
          + " (the Maven build does it at generate-test-resources)");
    }
    process = new ProcessBuilder("node", "client.mjs").directory(DIR.toFile()).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "node-client-" + name);
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          stderr.append(line).append('\n');
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "node-client-stderr-" + name);
    errors.setDaemon(true);
    errors.start();
  }

  /** Boots {@code n} spare processes in the background (call early, e.g. before starting a server). */
  public static void prewarm(int n) {
    try {
      while (SPARES.size() < n) {
        SPARES.add(new NodeClient("spare"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not start node", e);
    }
  }

  /** Starts a client named {@code name} (for messages) connected to {@code wsUrl}. */
  public static NodeClient connect(String name, String wsUrl) {
    try {
      NodeClient client = SPARES.poll();
      if (client == null || !client.process.isAlive()) {
        client = new NodeClient(name);
      }
      client.name = name;
      SPARES.add(new NodeClient("spare"));
      client.peerId = client.call("start", new JsonObject().put("url", wsUrl)).getString("peerId");
      return client;
    } catch (IOException e) {
      throw new IllegalStateException("could not start node", e);
    }
  }

  public String peerId() {
    return peerId;
  }

  private void readAnswers() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonObject answer;
        try {
          answer = new JsonObject(line);
        } catch (RuntimeException e) {
          continue; // a library printed something
        }
        CompletableFuture<JsonObject> f = pending.remove(answer.getInteger("id", -1));
        if (f != null) {
          f.complete(answer);
        }
      }
    } catch (IOException ignored) {
      // process ended
    }
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("node client exited: " + stderr)));
  }

  /** Sends a command; returns its {@code result} (an object, or an array wrapped as {"items": [...]}). */
  public JsonObject call(String cmd, JsonObject args) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject request = args.copy().put("id", id).put("cmd", cmd);
    try {
      synchronized (stdin) {
        stdin.write(request.encode());
        stdin.write('\n');
        stdin.flush();
      }
      JsonObject a = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!a.getBoolean("ok")) {
        throw new NodeClientError(name + " " + cmd + ": " + a.getString("error"));
      }
      Object result = a.getValue("result");
      return result instanceof JsonArray array ? new JsonObject().put("items", array) : (JsonObject) result;
    } catch (NodeClientError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(name + " " + cmd + " failed; stderr: " + stderr, e);
    }
  }

  /** A command the client answered with an error. */
  public static final class NodeClientError extends RuntimeException {
    NodeClientError(String message) {
      super(message);
    }
  }

  public JsonObject find(DocumentId id) {
    return call("find", new JsonObject().put("url", id.url()));
  }

  public JsonObject state(DocumentId id) {
    return call("state", new JsonObject().put("url", id.url()));
  }

  public String text(DocumentId id, String field) {
    return state(id).getJsonObject("doc").getString(field);
  }

  public JsonObject splice(DocumentId id, String field, int index, int delete, String insert) {
    return call("splice", new JsonObject().put("url", id.url()).put("path", new JsonArray().add(field))
        .put("index", index).put("del", delete).put("insert", insert));
  }

  public JsonObject type(DocumentId id, String field, int index, String text) {
    return call("type", new JsonObject().put("url", id.url()).put("path", new JsonArray().add(field))
        .put("index", index).put("text", text));
  }

  public JsonObject put(DocumentId id, String key, Object value) {
    return call("put", new JsonObject().put("url", id.url()).put("key", key).put("value", value));
  }

  public JsonObject waitFor(DocumentId id, String field, Object equals) {
    return call("waitFor", new JsonObject().put("url", id.url()).put("path", new JsonArray().add(field))
        .put("equals", equals));
  }

  /**
   * Waits until the server has acknowledged this client's current heads of {@code id}: it sent a
   * sync message whose heads include them, which the server does only once they are stored.
   */
  public JsonObject waitAcknowledged(DocumentId id) {
    return call("waitAcknowledged", new JsonObject().put("url", id.url()));
  }

  public JsonObject waitHeads(DocumentId id, JsonArray heads) {
    return call("waitHeads", new JsonObject().put("url", id.url()).put("heads", heads));
  }

  public JsonArray waitError(String code) {
    return call("waitError", new JsonObject().put("code", code)).getJsonArray("items");
  }

  public JsonObject stats() {
    return call("stats", new JsonObject());
  }

  public void resetStats() {
    call("resetStats", new JsonObject());
  }

  public void disconnect() {
    call("disconnect", new JsonObject());
  }

  public void reconnect() {
    call("reconnect", new JsonObject());
  }

  public void broadcast(DocumentId id, JsonObject message) {
    call("broadcast", new JsonObject().put("url", id.url()).put("message", message));
  }

  public JsonArray ephemeral(DocumentId id) {
    return call("ephemeral", new JsonObject().put("url", id.url())).getJsonArray("items");
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        try {
          call("shutdown", new JsonObject());
        } catch (RuntimeException | AssertionError ignored) {
          // exiting anyway
        }
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
