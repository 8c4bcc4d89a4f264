package dev.kizuna.signaling.impl;

import dev.kizuna.signaling.CloseCodes;
import dev.kizuna.signaling.ParticipantRole;
import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.PeerInbox;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomState;
import dev.kizuna.signaling.redis.LettuceClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomHub} shared by several nodes through Redis, so the two sides of a room may sit on
 * different nodes.
 *
 * <p>A room's presence is a hash (peer id → peer, user id and node id), its state a JSON string;
 * every change of presence, and every message, is one Lua script that also publishes what it
 * causes on the room's channel, each message with the ids of its recipients as the script saw the
 * room. Scripts run one at a time and Redis delivers a channel's messages in publish order, so
 * every node sees a room's events in the order the room changed, and one sender's messages in the
 * order sent. A node subscribes to a room's channel while it holds a peer of the room and hands
 * each message to its own recipients, on the context that entered each of them.
 *
 * <p>Each node keeps a key alive by a heartbeat; peers of a node whose key expired are dropped
 * (and announced as {@code peer-left}) by the next script touching their room, at the latest the
 * heartbeat of another node holding a peer of the room. {@link #updateState} is optimistic: read,
 * apply, compare-and-set, retried on conflict; updates issued on one node are queued per room so
 * they rarely conflict.
 *
 * <p>Lettuce reconnects and resubscribes by itself; when the connection comes back the node puts its
 * peers and its rooms' last known state back (a Redis restarted without persistence lost them), so
 * fan-out recovers without restarting nodes. Commands time out after five seconds.
 */
public final class RedisRoomHub implements RoomHub {

  private static final Logger LOG = LoggerFactory.getLogger(RedisRoomHub.class);

  /** Declarations every script starts with: KEYS[1] presence, KEYS[2] state, ARGV[1] channel, ARGV[2] node key prefix. */
  private static final String PRELUDE = """
      local peersKey, stateKey = KEYS[1], KEYS[2]
      local channel, nodePrefix = ARGV[1], ARGV[2]
      local function publish(to, msg)
        if #to > 0 then redis.call('PUBLISH', channel, cjson.encode({to = to, m = msg})) end
      end
      local function drop(id, evict)
        redis.call('PUBLISH', channel, cjson.encode({drop = id, evict = evict}))
      end
      local function leftMsg(id)
        return cjson.encode({type = 'peer-left', peerId = id})
      end
      local function without(ids, skip)
        local out = {}
        for _, id in ipairs(ids) do if id ~= skip then out[#out + 1] = id end end
        return out
      end
      local function live()
        local flat = redis.call('HGETALL', peersKey)
        local ids, entries, dead = {}, {}, {}
        for i = 1, #flat, 2 do
          local e = cjson.decode(flat[i + 1])
          if redis.call('EXISTS', nodePrefix .. e.node) == 1 then
            ids[#ids + 1] = flat[i]
            entries[flat[i]] = e
          else
            dead[#dead + 1] = flat[i]
          end
        end
        for _, id in ipairs(dead) do
          redis.call('HDEL', peersKey, id)
          drop(id, false)
          publish(ids, leftMsg(id))
        end
        if #dead > 0 and #ids == 0 then redis.call('DEL', stateKey) end
        return ids, entries
      end
      """;

  /** ARGV: 3 node id, 4 node TTL ms, 5 room TTL ms, 6 peer id, 7 user id, 8 presence entry, 9 peer-joined. */
  private static final String ENTER = PRELUDE + """
      redis.call('SET', nodePrefix .. ARGV[3], '1', 'PX', ARGV[4])
      local ids, entries = live()
      local replaced, others, present = {}, {}, {}
      for _, id in ipairs(ids) do
        if id ~= ARGV[6] then
          if entries[id].userId == ARGV[7] then
            replaced[#replaced + 1] = id
          else
            others[#others + 1] = id
            present[#present + 1] = entries[id].peer
          end
        end
      end
      for _, id in ipairs(replaced) do
        redis.call('HDEL', peersKey, id)
        drop(id, true)
        publish(others, leftMsg(id))
      end
      redis.call('HSET', peersKey, ARGV[6], ARGV[8])
      redis.call('PEXPIRE', peersKey, ARGV[5])
      redis.call('PEXPIRE', stateKey, ARGV[5])
      publish(others, ARGV[9])
      return present
      """;

  /** ARGV: 3 peer id. */
  private static final String EXIT = PRELUDE + """
      local ids = live()
      if redis.call('HDEL', peersKey, ARGV[3]) == 1 then
        drop(ARGV[3], false)
        publish(without(ids, ARGV[3]), leftMsg(ARGV[3]))
        if redis.call('HLEN', peersKey) == 0 then redis.call('DEL', stateKey) end
      end
      return 0
      """;

  /** ARGV: 3 peer id, 4 message. */
  private static final String SEND_TO = PRELUDE + """
      local ids, entries = live()
      if entries[ARGV[3]] == nil then return 0 end
      publish({ARGV[3]}, ARGV[4])
      return 1
      """;

  /** ARGV: 3 peer id left out (or empty), 4 message. */
  private static final String BROADCAST = PRELUDE + """
      local ids = live()
      publish(without(ids, ARGV[3]), ARGV[4])
      return 0
      """;

  private static final String PEERS = PRELUDE + """
      local ids, entries = live()
      local peers = {}
      for _, id in ipairs(ids) do peers[#peers + 1] = entries[id].peer end
      return peers
      """;

  private static final String STATE = PRELUDE + """
      live()
      return redis.call('GET', stateKey)
      """;

  /** ARGV: 3 state expected (empty if none), 4 next state, 5 room TTL ms. {0}: no peers, {1}: set, {2, current}: conflict. */
  private static final String COMPARE_AND_SET_STATE = PRELUDE + """
      local ids = live()
      if #ids == 0 then return {0} end
      local current = redis.call('GET', stateKey) or ''
      if current ~= ARGV[3] then return {2, current} end
      redis.call('SET', stateKey, ARGV[4], 'PX', ARGV[5])
      return {1}
      """;

  /** ARGV: 3 room TTL ms. */
  private static final String KEEP_ALIVE = PRELUDE + """
      live()
      redis.call('PEXPIRE', peersKey, ARGV[3])
      redis.call('PEXPIRE', stateKey, ARGV[3])
      return 0
      """;

  /**
   * ARGV: 3 node id, 4 node TTL ms, 5 room TTL ms, 6 last known state (or empty), then pairs of peer
   * id and presence entry. After Redis lost its data (a restart), puts this node's peers back
   * without announcing anything: nobody left.
   */
  private static final String REREGISTER = PRELUDE + """
      redis.call('SET', nodePrefix .. ARGV[3], '1', 'PX', ARGV[4])
      for i = 7, #ARGV, 2 do redis.call('HSETNX', peersKey, ARGV[i], ARGV[i + 1]) end
      redis.call('PEXPIRE', peersKey, ARGV[5])
      if ARGV[6] ~= '' and redis.call('EXISTS', stateKey) == 0 then
        redis.call('SET', stateKey, ARGV[6], 'PX', ARGV[5])
      end
      return 0
      """;

  private record Member(Peer peer, PeerInbox inbox, Context context) {
    void deliver(JsonObject message) {
      context.runOnContext(v -> inbox.deliver(message));
    }

    void evict() {
      context.runOnContext(v -> inbox.evict(CloseCodes.REPLACED, "replaced by a newer connection"));
    }
  }

  /** This node's peers of one room; exists exactly while the room's channel is subscribed. */
  private static final class LocalRoom {
    final Map<String, Member> members = new HashMap<>();
    final CompletionStage<Void> subscribed;
    /** The room's state as last read or written here, to put back after Redis lost it. */
    volatile String lastState = "";

    LocalRoom(CompletionStage<Void> subscribed) {
      this.subscribed = subscribed;
    }
  }

  private final Vertx vertx;
  private final RedisClient client;
  private final String prefix;
  private final String nodeId = UUID.randomUUID().toString();
  private final long nodeTtlMillis;
  private final long roomTtlMillis;
  private final CompletableFuture<StatefulRedisConnection<String, String>> commands;
  private final CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub;
  private final Map<String, LocalRoom> localRooms = new HashMap<>();
  private final Map<String, CompletableFuture<RoomState>> stateUpdates = new ConcurrentHashMap<>();
  private final long heartbeat;
  private volatile boolean closed;

  /**
   * Connects to Redis without blocking and starts the heartbeat.
   *
   * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
   * @param keyPrefix prefix of every key and channel of this hub; nodes of one deployment share it
   * @param nodeTtl how long this node's peers outlive its last heartbeat (heartbeats run every third of it)
   */
  public RedisRoomHub(Vertx vertx, String redisUrl, String keyPrefix, Duration nodeTtl) {
    this.vertx = vertx;
    this.prefix = keyPrefix + ":";
    this.nodeTtlMillis = nodeTtl.toMillis();
    this.roomTtlMillis = nodeTtlMillis * 4;
    this.client = LettuceClients.create();
    LettuceClients.onReconnect(client, this::reregister);
    this.commands = client.connectAsync(StringCodec.UTF8, RedisURI.create(redisUrl)).toCompletableFuture();
    this.pubSub = LettuceClients.subscriber(client, StringCodec.UTF8, redisUrl,
        (channel, message) -> dispatch(channel.substring(prefix.length() + "room:".length()), message));
    this.heartbeat = vertx.setPeriodic(Math.max(1, nodeTtlMillis / 3), id -> beat());
  }

  @Override
  public Future<List<Peer>> enter(String roomId, Peer peer, PeerInbox inbox) {
    Context context = vertx.getOrCreateContext();
    CompletionStage<Void> subscribed;
    synchronized (localRooms) {
      LocalRoom room = localRooms.computeIfAbsent(roomId, id -> new LocalRoom(
          pubSub.thenCompose(c -> c.async().subscribe(channel(id)))));
      room.members.put(peer.id(), new Member(peer, inbox, context));
      subscribed = room.subscribed;
    }
    String entry = presenceEntry(peer);
    String joined = new JsonObject().put("type", "peer-joined").put("peer", peer.toJson()).encode();
    CompletionStage<List<Peer>> present = subscribed
        .thenCompose(v -> this.<List<String>>eval(ENTER, ScriptOutputType.MULTI, roomId, nodeId,
            Long.toString(nodeTtlMillis), Long.toString(roomTtlMillis), peer.id(), peer.userId(), entry, joined))
        .thenApply(RedisRoomHub::toPeers)
        .whenComplete((peers, failure) -> {
          if (failure != null) {
            forget(roomId, peer.id());
          }
        });
    return Future.fromCompletionStage(present, context);
  }

  @Override
  public Future<Void> exit(String roomId, String peerId) {
    return call(this.<Long>eval(EXIT, ScriptOutputType.INTEGER, roomId, peerId).thenApply(n -> null));
  }

  @Override
  public Future<Boolean> sendTo(String roomId, String peerId, JsonObject message) {
    return call(this.<Long>eval(SEND_TO, ScriptOutputType.INTEGER, roomId, peerId, message.encode())
        .thenApply(sent -> sent == 1));
  }

  @Override
  public Future<Void> broadcast(String roomId, JsonObject message, String exceptPeerId) {
    String except = exceptPeerId == null ? "" : exceptPeerId;
    return call(this.<Long>eval(BROADCAST, ScriptOutputType.INTEGER, roomId, except, message.encode())
        .thenApply(n -> null));
  }

  @Override
  public Future<RoomState> state(String roomId) {
    return call(readState(roomId).thenApply(RedisRoomHub::parseState));
  }

  @Override
  public Future<RoomState> updateState(String roomId, UnaryOperator<RoomState> update) {
    CompletableFuture<RoomState> updated;
    synchronized (stateUpdates) {
      CompletableFuture<RoomState> previous = stateUpdates.get(roomId);
      CompletionStage<Void> turn = previous == null
          ? CompletableFuture.completedFuture(null)
          : previous.handle((s, failure) -> null);
      updated = turn.thenCompose(v -> readState(roomId))
          .thenCompose(raw -> compareAndSet(roomId, raw == null ? "" : raw, update))
          .toCompletableFuture();
      stateUpdates.put(roomId, updated);
    }
    updated.whenComplete((s, failure) -> stateUpdates.remove(roomId, updated));
    return call(updated);
  }

  @Override
  public Future<List<Peer>> peers(String roomId) {
    return call(this.<List<String>>eval(PEERS, ScriptOutputType.MULTI, roomId).thenApply(RedisRoomHub::toPeers));
  }

  /**
   * Stops the heartbeat, lets the other nodes drop this node's peers (its node key goes at once)
   * and disconnects. Works after Vert.x closed too, so the future completes on a Lettuce thread.
   */
  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(heartbeat);
    CompletionStage<Void> closed = commands
        .thenCompose(c -> c.async().del(nodeKey()))
        .handle((n, failure) -> null)
        .thenCompose(v -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
    return Future.fromCompletionStage(closed);
  }

  private CompletionStage<RoomState> compareAndSet(String roomId, String expected, UnaryOperator<RoomState> update) {
    RoomState next = update.apply(parseState(expected));
    return this.<List<Object>>eval(COMPARE_AND_SET_STATE, ScriptOutputType.MULTI, roomId, expected,
            stateJson(next), Long.toString(roomTtlMillis))
        .thenCompose(outcome -> switch (((Long) outcome.get(0)).intValue()) {
          case 0 -> CompletableFuture.completedFuture(RoomState.EMPTY);
          case 1 -> CompletableFuture.completedFuture(next).thenApply(n -> {
            remember(roomId, stateJson(n));
            return n;
          });
          default -> compareAndSet(roomId, (String) outcome.get(1), update);
        });
  }

  private CompletionStage<String> readState(String roomId) {
    return this.<String>eval(STATE, ScriptOutputType.VALUE, roomId).thenApply(raw -> remember(roomId, raw));
  }

  /** Keeps {@code raw} as the last known state of a room with peers here; returns it. */
  private String remember(String roomId, String raw) {
    synchronized (localRooms) {
      LocalRoom room = localRooms.get(roomId);
      if (room != null && raw != null) {
        room.lastState = raw;
      }
    }
    return raw;
  }

  /**
   * After the connection came back: puts this node's peers and its rooms' last known state back,
   * in case Redis restarted empty (Lettuce has already resubscribed the channels).
   */
  private void reregister() {
    Map<String, List<String>> rooms = new HashMap<>();
    synchronized (localRooms) {
      localRooms.forEach((roomId, room) -> {
        List<String> args = new ArrayList<>(List.of(nodeId, Long.toString(nodeTtlMillis),
            Long.toString(roomTtlMillis), room.lastState));
        room.members.values().forEach(m -> {
          args.add(m.peer().id());
          args.add(presenceEntry(m.peer()));
        });
        rooms.put(roomId, args);
      });
    }
    rooms.forEach((roomId, args) -> eval(REREGISTER, ScriptOutputType.INTEGER, roomId, args.toArray(String[]::new))
        .whenComplete((v, failure) -> {
          if (failure != null && !closed) {
            LOG.warn("putting this node's peers of room {} back failed", roomId, failure);
          }
        }));
    LOG.info("room hub reconnected to Redis; {} rooms registered again", rooms.size());
  }

  private String presenceEntry(Peer peer) {
    return new JsonObject().put("node", nodeId).put("userId", peer.userId())
        .put("peer", peer.toJson().encode()).encode();
  }

  /** Hands one message of a room's channel to this node's recipients. Runs on the pub/sub connection's thread. */
  private void dispatch(String roomId, String payload) {
    JsonObject envelope = new JsonObject(payload);
    synchronized (localRooms) {
      LocalRoom room = localRooms.get(roomId);
      if (room == null) {
        return;
      }
      String dropped = envelope.getString("drop");
      if (dropped != null) {
        Member member = room.members.get(dropped);
        if (member != null) {
          if (envelope.getBoolean("evict")) {
            member.evict();
          }
          forget(roomId, dropped);
        }
        return;
      }
      JsonObject message = new JsonObject(envelope.getString("m"));
      for (Object to : envelope.getJsonArray("to")) {
        Member member = room.members.get((String) to);
        if (member != null) {
          member.deliver(message);
        }
      }
    }
  }

  /** Drops a local peer; unsubscribes from the room's channel when it was the room's last here. */
  private void forget(String roomId, String peerId) {
    synchronized (localRooms) {
      LocalRoom room = localRooms.get(roomId);
      if (room == null || room.members.remove(peerId) == null || !room.members.isEmpty()) {
        return;
      }
      localRooms.remove(roomId);
      pubSub.thenCompose(c -> c.async().unsubscribe(channel(roomId)))
          .whenComplete((v, failure) -> {
            if (failure != null && !closed) {
              LOG.warn("unsubscribing from room {} failed", roomId, failure);
            }
          });
    }
  }

  /** Keeps this node alive and the keys of its rooms from expiring; drops peers of dead nodes. */
  private void beat() {
    List<String> rooms;
    synchronized (localRooms) {
      rooms = new ArrayList<>(localRooms.keySet());
    }
    commands.thenCompose(c -> c.async().psetex(nodeKey(), nodeTtlMillis, "1"))
        .thenCompose(ok -> CompletableFuture.allOf(rooms.stream()
            .map(room -> eval(KEEP_ALIVE, ScriptOutputType.INTEGER, room, Long.toString(roomTtlMillis))
                .toCompletableFuture())
            .toArray(CompletableFuture[]::new)))
        .whenComplete((v, failure) -> {
          if (failure != null && !closed) {
            LOG.warn("room hub heartbeat failed", failure);
          }
        });
  }

  private <T> CompletionStage<T> eval(String script, ScriptOutputType type, String roomId, String... args) {
    String[] keys = {prefix + "room:" + roomId + ":peers", prefix + "room:" + roomId + ":state"};
    String[] values = new String[args.length + 2];
    values[0] = channel(roomId);
    values[1] = prefix + "node:";
    System.arraycopy(args, 0, values, 2, args.length);
    return commands.thenCompose(c -> c.async().<T>eval(script, type, keys, values));
  }

  /** The stage as a Vert.x future completing on the caller's context. */
  private <T> Future<T> call(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  private String channel(String roomId) {
    return prefix + "room:" + roomId;
  }

  private String nodeKey() {
    return prefix + "node:" + nodeId;
  }

  private static List<Peer> toPeers(List<String> peers) {
    return peers.stream().map(JsonObject::new).map(json -> new Peer(json.getString("id"), json.getString("userId"),
        ParticipantRole.valueOf(json.getString("role")), json.getString("name"))).toList();
  }

  private static String stateJson(RoomState state) {
    JsonObject consent = new JsonObject();
    state.consent().forEach((role, given) -> consent.put(role.name(), given));
    return new JsonObject().put("consent", consent).put("agendaIndex", state.agendaIndex())
        .put("transcription", state.transcription()).encode();
  }

  private static RoomState parseState(String raw) {
    if (raw == null || raw.isEmpty()) {
      return RoomState.EMPTY;
    }
    JsonObject json = new JsonObject(raw);
    Map<ParticipantRole, Boolean> consent = new EnumMap<>(ParticipantRole.class);
    json.getJsonObject("consent").forEach(e -> consent.put(ParticipantRole.valueOf(e.getKey()), (Boolean) e.getValue()));
    return new RoomState(consent, json.getInteger("agendaIndex"), json.getJsonObject("transcription"));
  }
}
