package dev.kizuna.bench.memo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of one server that counts the bytes the server sends to clients:
 * everything on the wire after TCP (the HTTP upgrade response, WebSocket frame headers, frames as
 * compressed if the two sides negotiated permessage-deflate).
 */
final class WireCounter {

  private final AtomicLong toClient = new AtomicLong();
  private final NetServer server;

  private WireCounter(NetServer server) {
    this.server = server;
  }

  /** Listens on a free loopback port and forwards every connection to {@code targetPort}. */
  static Future<WireCounter> start(Vertx vertx, int targetPort) {
    NetClient upstream = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    WireCounter counter = new WireCounter(server);
    server.connectHandler(client -> {
      client.pause();
      upstream.connect(targetPort, "127.0.0.1").onSuccess(target -> {
        target.handler(buffer -> {
          counter.toClient.addAndGet(buffer.length());
          client.write(buffer);
        });
        client.handler(target::write);
        target.closeHandler(v -> client.close());
        client.closeHandler(v -> target.close());
        client.resume();
      }).onFailure(e -> client.close());
    });
    return server.listen(0, "127.0.0.1").map(counter);
  }

  int port() {
    return server.actualPort();
  }

  /** Bytes sent to clients since the last call. */
  long takeBytesToClient() {
    return toClient.getAndSet(0);
  }
}
