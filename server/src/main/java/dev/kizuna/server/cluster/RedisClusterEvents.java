package dev.kizuna.server.cluster;

import dev.kizuna.signaling.redis.LettuceClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterEvents} over one Redis pub/sub channel with Lettuce. A message is
 * {@code {node, kind, event}}; a node skips its own. Lettuce reconnects by itself; the channel is
 * subscribed again after every reconnection.
 */
final class RedisClusterEvents implements ClusterEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterEvents.class);

  private final Context context;
  private final RedisClient client;
  private final String channel;
  private final String nodeId = UUID.randomUUID().toString();
  private final CompletableFuture<StatefulRedisConnection<String, String>> publisher;
  private final CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscriber;
  private final Map<String, List<Consumer<JsonObject>>> handlers = new ConcurrentHashMap<>();

  RedisClusterEvents(Vertx vertx, String redisUrl, String keyPrefix) {
    this.context = vertx.getOrCreateContext();
    this.channel = keyPrefix + ":events";
    this.client = LettuceClients.create();
    this.publisher = client.connectAsync(StringCodec.UTF8, RedisURI.create(redisUrl)).toCompletableFuture();
    this.subscriber = LettuceClients.subscriber(client, StringCodec.UTF8, redisUrl, (from, message) -> dispatch(message));
    listen();
    // A subscription that failed while Redis was away is not one Lettuce restores by itself.
    LettuceClients.onReconnect(client, this::listen);
  }

  private void listen() {
    subscriber.thenCompose(connection -> connection.async().subscribe(channel)).whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.warn("subscribing to {} failed; this node hears the others again once Redis is back", channel, failure);
      }
    });
  }

  @Override
  public void publish(String kind, JsonObject event) {
    String message = new JsonObject().put("node", nodeId).put("kind", kind).put("event", event).encode();
    publisher.thenCompose(c -> c.async().publish(channel, message)).whenComplete((n, failure) -> {
      if (failure != null) {
        LOG.warn("publishing a {} event failed", kind, failure);
      }
    });
  }

  @Override
  public void subscribe(String kind, Consumer<JsonObject> handler) {
    handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
  }

  @Override
  public Future<Void> close() {
    return Future.fromCompletionStage(client.shutdownAsync(0, 2, TimeUnit.SECONDS));
  }

  private void dispatch(String message) {
    JsonObject envelope;
    try {
      envelope = new JsonObject(message);
    } catch (RuntimeException e) {
      LOG.warn("ignoring a malformed cluster event");
      return;
    }
    if (nodeId.equals(envelope.getString("node"))) {
      return;
    }
    List<Consumer<JsonObject>> forKind = handlers.get(envelope.getString("kind", ""));
    JsonObject event = envelope.getJsonObject("event");
    if (forKind != null && event != null) {
      context.runOnContext(v -> forKind.forEach(h -> h.accept(event)));
    }
  }
}
