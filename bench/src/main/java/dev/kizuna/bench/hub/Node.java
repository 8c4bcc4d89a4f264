package dev.kizuna.bench.hub;

import dev.kizuna.signaling.RoomHub;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One simulated Kizuna node: a Vert.x instance, the room hub it uses and the contexts its peers
 * live on, round-robin: one per instance of a verticle deployed {@code loops} times, so each on
 * an event loop of its own, as room sockets live on the instances of the server's HTTP verticle.
 */
final class Node {

  final Vertx vertx;
  final RoomHub hub;
  private final List<Context> contexts;
  private int next;

  private Node(Vertx vertx, RoomHub hub, List<Context> contexts) {
    this.vertx = vertx;
    this.hub = hub;
    this.contexts = List.copyOf(contexts);
  }

  /** A node whose peers are spread over {@code loops} event loops of {@code vertx}. */
  static Future<Node> start(Vertx vertx, RoomHub hub, int loops) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(loops)).map(id -> new Node(vertx, hub, contexts));
  }

  /** The context for the next peer placed on this node; called from the bench's main thread only. */
  Context nextContext() {
    return contexts.get(next++ % contexts.size());
  }
}
