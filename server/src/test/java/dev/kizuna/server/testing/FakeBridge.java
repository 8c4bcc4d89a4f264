package dev.kizuna.server.testing;

import static dev.kizuna.server.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An in-test stand-in for Jitsi Videobridge's colibri2 REST API (no bridge can run here): a real
 * Vert.x HTTP server on a loopback port that records every request and answers with the
 * representative payloads of {@code src/test/resources/colibri2/}: a conference create gets
 * {@code conference-create-response.json}, a PATCH creating an endpoint
 * {@code endpoint-create-response.json} (the requested endpoint ids put in place of
 * {@code ENDPOINT-<n>}, in order), any other PATCH an empty object. {@link #failWith} makes it
 * answer every request with an error instead; {@link #silent} makes it never answer.
 */
public final class FakeBridge implements AutoCloseable {

  /** One request as the bridge saw it. */
  public record Request(String method, String path, JsonObject body) {}

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private volatile int failStatus;
  private volatile boolean silent;

  private FakeBridge(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** Starts a fake bridge on a free loopback port of {@code vertx}. */
  public static FakeBridge start(Vertx vertx) {
    FakeBridge bridge = new FakeBridge(vertx);
    await(bridge.server.listen(0, "127.0.0.1"));
    return bridge;
  }

  /** The base URL to configure as {@code KIZUNA_JVB_URL}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** From now on, answer every request with {@code status} and a JSON error body. */
  public void failWith(int status) {
    failStatus = status;
  }

  /** From now on, never answer. */
  public void silent() {
    silent = true;
  }

  /** The payload {@code name} of {@code src/test/resources/colibri2/}. */
  public static JsonObject payload(String name) {
    try (InputStream in = FakeBridge.class.getResourceAsStream("/colibri2/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code transport.transport} the payloads give endpoint {@code n} of {@code payload}. */
  public static JsonObject transportOf(String payload, int n) {
    return payload(payload).getJsonArray("endpoints").getJsonObject(n).getJsonObject("transport")
        .getJsonObject("transport");
  }

  /** Waits for the next request that {@code match}es, dropping the others before it. */
  public Request next(Predicate<Request> match) {
    long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Request r = requests.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
        if (r == null) {
          throw new AssertionError("no matching request reached the fake bridge within " + Await.TIMEOUT);
        }
        if (match.test(r)) {
          return r;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next request. */
  public Request next() {
    return next(r -> true);
  }

  /** Requests received and not yet taken, after waiting {@code quiet} for stragglers. */
  public List<Request> drain(Duration quiet) {
    try {
      Request first = requests.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      List<Request> all = new ArrayList<>();
      if (first != null) {
        all.add(first);
        requests.drainTo(all);
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
      requests.add(new Request(request.method().name(), request.path(), body));
      if (silent) {
        return;
      }
      if (failStatus != 0) {
        request.response().setStatusCode(failStatus).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "Conference not found").encode());
        return;
      }
      JsonObject answer = new JsonObject();
      List<String> created = body.getJsonArray("endpoints", new JsonArray()).stream()
          .map(JsonObject.class::cast).filter(e -> e.getBoolean("create", false)).map(e -> e.getString("id")).toList();
      if (request.method().name().equals("POST")) {
        answer = withIds(payload("conference-create-response.json"), created);
      } else if (!created.isEmpty()) {
        answer = withIds(payload("endpoint-create-response.json"), created);
      }
      request.response().putHeader("Content-Type", "application/json").end(answer.encode());
    });
  }

  private static JsonObject withIds(JsonObject template, List<String> ids) {
    JsonArray endpoints = template.getJsonArray("endpoints");
    JsonArray used = new JsonArray();
    for (int i = 0; i < Math.min(ids.size(), endpoints.size()); i++) {
      used.add(endpoints.getJsonObject(i).copy().put("id", ids.get(i)));
    }
    return template.copy().put("endpoints", used);
  }

  @Override
  public void close() {
    await(server.close());
  }
}
