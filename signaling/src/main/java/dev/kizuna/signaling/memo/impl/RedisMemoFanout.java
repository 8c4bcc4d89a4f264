package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.MemoFanout;
import dev.kizuna.signaling.redis.LettuceClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MemoFanout} over Redis pub/sub with Lettuce: one channel per live document. A message is
 * {@code [16-byte node id][8-byte seq][changes]}; a node skips its own. Chunks published while the
 * connection was down are lost, so once it is back every live document is subscribed again and
 * told to read the store.
 */
public final class RedisMemoFanout implements MemoFanout {

  private static final Logger LOG = LoggerFactory.getLogger(RedisMemoFanout.class);
  private static final int HEADER = 16 + 8;

  private final RedisClient client;
  private final String prefix;
  private final UUID nodeId = UUID.randomUUID();
  private final CompletableFuture<StatefulRedisConnection<byte[], byte[]>> publisher;
  private final CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> subscriber;
  private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

  /** Connects without blocking; commands wait for the connection. */
  public RedisMemoFanout(String redisUrl, String keyPrefix) {
    this.prefix = keyPrefix + ":memo:";
    this.client = LettuceClients.create();
    this.publisher = client.connectAsync(ByteArrayCodec.INSTANCE, RedisURI.create(redisUrl)).toCompletableFuture();
    this.subscriber = LettuceClients.subscriber(client, ByteArrayCodec.INSTANCE, redisUrl,
        (channel, message) -> dispatch(new String(channel, StandardCharsets.UTF_8).substring(prefix.length()), message));
    LettuceClients.onReconnect(client, this::resubscribe);
  }

  @Override
  public Future<Void> listen(DocumentId id, Receiver receiver) {
    receivers.put(id.value(), receiver);
    return Future.fromCompletionStage(subscriber.thenCompose(c -> c.async().subscribe(channel(id))));
  }

  @Override
  public void unlisten(DocumentId id) {
    if (receivers.remove(id.value()) != null) {
      subscriber.thenCompose(c -> c.async().unsubscribe(channel(id))).whenComplete((v, failure) -> {
        if (failure != null) {
          LOG.debug("unsubscribing from memo {} failed", id, failure);
        }
      });
    }
  }

  @Override
  public void stored(DocumentId id, long seq, byte[] changes) {
    ByteBuffer message = ByteBuffer.allocate(HEADER + changes.length)
        .putLong(nodeId.getMostSignificantBits()).putLong(nodeId.getLeastSignificantBits())
        .putLong(seq).put(changes);
    publisher.thenCompose(c -> c.async().publish(channel(id), message.array())).whenComplete((n, failure) -> {
      if (failure != null) {
        // The other nodes find the chunk in the store at their next gap or reconnect.
        LOG.warn("publishing chunk {} of memo {} failed", seq, id, failure);
      }
    });
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.fromCompletionStage(client.shutdownAsync(0, 2, TimeUnit.SECONDS));
  }

  /**
   * After a reconnection: subscribes again to every live document (a subscription that timed out
   * while Redis was away is not one Lettuce restores), then has each read the store.
   */
  private void resubscribe() {
    byte[][] channels = receivers.keySet().stream().map(id -> (prefix + id).getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new);
    if (channels.length == 0) {
      return;
    }
    subscriber.thenCompose(c -> c.async().subscribe(channels)).whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.warn("subscribing again to {} memo documents failed", channels.length, failure);
      }
      receivers.values().forEach(Receiver::resync);
    });
  }

  private void dispatch(String documentId, byte[] message) {
    Receiver receiver = receivers.get(documentId);
    if (receiver == null || message.length < HEADER) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(message);
    if (buffer.getLong() == nodeId.getMostSignificantBits() && buffer.getLong() == nodeId.getLeastSignificantBits()) {
      return;
    }
    buffer.position(16);
    long seq = buffer.getLong();
    byte[] changes = new byte[buffer.remaining()];
    buffer.get(changes);
    receiver.received(seq, changes);
  }

  private byte[] channel(DocumentId id) {
    return (prefix + id.value()).getBytes(StandardCharsets.UTF_8);
  }
}
