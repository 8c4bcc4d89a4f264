package dev.kizuna.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Small events one node tells the other nodes of a deployment: consent changes, final transcript
 * segments for the live cues, logouts. A node never hears its own events. Delivery is at most
 * once (pub/sub): use it for what a node would otherwise not learn, not for what must survive.
 */
public interface ClusterEvents {

  /** One node alone: nobody to tell. */
  ClusterEvents SINGLE_NODE = new ClusterEvents() {
    @Override
    public void publish(String kind, JsonObject event) {
    }

    @Override
    public void subscribe(String kind, Consumer<JsonObject> handler) {
    }
  };

  /** Events on one Redis channel ({@code <keyPrefix>:events}) shared by every node. */
  static ClusterEvents redis(io.vertx.core.Vertx vertx, String redisUrl, String keyPrefix) {
    return new RedisClusterEvents(vertx, redisUrl, keyPrefix);
  }

  /** Tells the other nodes {@code event} of type {@code kind}. */
  void publish(String kind, JsonObject event);

  /** Calls {@code handler} (on an event loop) for each event of {@code kind} from another node. */
  void subscribe(String kind, Consumer<JsonObject> handler);

  /** Releases the connections. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
