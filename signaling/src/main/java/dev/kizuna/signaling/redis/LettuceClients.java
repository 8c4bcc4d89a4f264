package dev.kizuna.signaling.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** How Kizuna's Redis users (room hub, memo fan-out, sessions, cluster events) set up Lettuce. */
public final class LettuceClients {

  /** A command not answered within this fails (Lettuce queues commands while it reconnects). */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private LettuceClients() {}

  /** A client whose commands time out after {@link #COMMAND_TIMEOUT}; it reconnects by itself. */
  public static RedisClient create() {
    RedisClient client = RedisClient.create();
    client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT)).build());
    return client;
  }

  /**
   * Runs {@code action} (on a Lettuce thread) each time a connection of {@code client} is active
   * again after it was lost, e.g. after a Redis restart; Lettuce has resubscribed pub/sub channels.
   */
  public static void onReconnect(RedisClient client, Runnable action) {
    AtomicBoolean lost = new AtomicBoolean();
    client.getResources().eventBus().get().subscribe(event -> {
      if (event instanceof ConnectionDeactivatedEvent) {
        lost.set(true);
      } else if (event instanceof ConnectionActivatedEvent && lost.getAndSet(false)) {
        action.run();
      }
    }, closed -> {
      // The event bus fails only when the client shuts down: nothing left to watch.
    });
  }

  /** Opens a pub/sub connection that hands every message to {@code listener} (channel, message). */
  public static <K, V> CompletableFuture<StatefulRedisPubSubConnection<K, V>> subscriber(RedisClient client,
      RedisCodec<K, V> codec, String redisUrl, BiConsumer<K, V> listener) {
    return client.connectPubSubAsync(codec, RedisURI.create(redisUrl)).toCompletableFuture().thenApply(connection -> {
      connection.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(K channel, V message) {
          listener.accept(channel, message);
        }
      });
      return connection;
    });
  }
}
