package dev.kizuna.server.web;

import dev.kizuna.signaling.RoomRefusal;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Upgrades a request to a WebSocket and hands it to {@code serve} with its frames held back,
 * so that nothing the client sends early is lost while the server authenticates. A plain HTTP
 * request gets 400; a failure of {@code serve} closes the socket with the code of a
 * {@link RoomRefusal}, or 1011 for anything else.
 */
public final class SocketUpgrade {

  private SocketUpgrade() {}

  /**
   * @param serve authenticates and starts serving the socket; frames flow once it succeeds
   */
  public static void accept(RoutingContext ctx, Function<ServerWebSocket, Future<Void>> serve) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.fail(HttpProblem.badRequest("this is a WebSocket endpoint; connect with an Upgrade: websocket request"));
      return;
    }
    ctx.request().toWebSocket().onSuccess(socket -> {
      socket.pause();
      Future.succeededFuture(socket).compose(serve)
          .onSuccess(v -> socket.resume())
          .onFailure(e -> socket.close(e instanceof RoomRefusal refusal ? refusal.closeCode() : (short) 1011,
              e instanceof RoomRefusal ? e.getMessage() : "server error"));
    }).onFailure(ctx::fail);
  }
}
