package dev.kizuna.server.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** Serves the HTTP API, the sockets and the browser app on one port; deployed once per core. */
public final class HttpVerticle extends VerticleBase {

  private final Function<io.vertx.core.Vertx, Future<Router>> routerFactory;
  private final String host;
  private final int port;
  private final int maxWebSocketMessageBytes;
  private HttpServer server;

  /**
   * @param maxWebSocketMessageBytes largest WebSocket frame and message; bigger ones close the socket
   *     (1009) before any handler runs, so it must cover the largest message a socket handler accepts
   *     and answers with its own error
   */
  public HttpVerticle(Function<io.vertx.core.Vertx, Future<Router>> routerFactory, String host, int port,
      int maxWebSocketMessageBytes) {
    this.routerFactory = routerFactory;
    this.host = host;
    this.port = port;
    this.maxWebSocketMessageBytes = maxWebSocketMessageBytes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setCompressionSupported(true)
        .setMaxWebSocketFrameSize(maxWebSocketMessageBytes)
        .setMaxWebSocketMessageSize(maxWebSocketMessageBytes);
    return routerFactory.apply(vertx)
        .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen())
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
