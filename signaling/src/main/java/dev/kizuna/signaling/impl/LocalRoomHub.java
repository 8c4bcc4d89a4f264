package dev.kizuna.signaling.impl;

import dev.kizuna.signaling.Peer;
import dev.kizuna.signaling.PeerInbox;
import dev.kizuna.signaling.RoomHub;
import dev.kizuna.signaling.RoomState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * In-process {@link RoomHub}: rooms live in memory of this node. Sockets may sit on different
 * event loops, so each delivery runs on the context that entered the peer; a room's bookkeeping
 * is guarded by the room's monitor (short critical sections, no I/O inside). Deliveries are queued
 * while the monitor is held, so every peer sees a room's events in the order the room changed
 * (a {@code peer-left} never overtakes the {@code peer-joined} of the same peer). An empty room
 * is dropped together with its state.
 */
public final class LocalRoomHub implements RoomHub {

  private record Member(Peer peer, PeerInbox inbox, Context context) {
    void deliver(JsonObject message) {
      context.runOnContext(v -> inbox.deliver(message));
    }

    void evict(short code, String reason) {
      context.runOnContext(v -> inbox.evict(code, reason));
    }
  }

  private static final class Room {
    final Map<String, Member> members = new LinkedHashMap<>();
    RoomState state = RoomState.EMPTY;
  }

  private static final short REPLACED = 4409;

  private final Vertx vertx;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();

  public LocalRoomHub(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<List<Peer>> enter(String roomId, Peer peer, PeerInbox inbox) {
    Context context = vertx.getOrCreateContext();
    Member newcomer = new Member(peer, inbox, context);
    List<Member> replaced = new ArrayList<>();
    List<Member> others = new ArrayList<>();
    JsonObject joined = new JsonObject().put("type", "peer-joined").put("peer", peer.toJson());
    rooms.compute(roomId, (id, existing) -> {
      Room room = existing == null ? new Room() : existing;
      synchronized (room) {
        room.members.values().removeIf(m -> {
          boolean same = m.peer().userId().equals(peer.userId());
          if (same) {
            replaced.add(m);
          }
          return same;
        });
        others.addAll(room.members.values());
        room.members.put(peer.id(), newcomer);
        for (Member old : replaced) {
          old.evict(REPLACED, "replaced by a newer connection");
          others.forEach(m -> m.deliver(peerLeft(old.peer().id())));
        }
        others.forEach(m -> m.deliver(joined));
      }
      return room;
    });
    return Future.succeededFuture(others.stream().map(Member::peer).toList());
  }

  @Override
  public Future<Void> exit(String roomId, String peerId) {
    rooms.computeIfPresent(roomId, (id, room) -> {
      synchronized (room) {
        if (room.members.remove(peerId) != null) {
          room.members.values().forEach(m -> m.deliver(peerLeft(peerId)));
        }
        return room.members.isEmpty() ? null : room;
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> sendTo(String roomId, String peerId, JsonObject message) {
    Room room = rooms.get(roomId);
    if (room == null) {
      return Future.succeededFuture(false);
    }
    synchronized (room) {
      Member target = room.members.get(peerId);
      if (target == null) {
        return Future.succeededFuture(false);
      }
      target.deliver(message);
    }
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> broadcast(String roomId, JsonObject message, String exceptPeerId) {
    Room room = rooms.get(roomId);
    if (room == null) {
      return Future.succeededFuture();
    }
    synchronized (room) {
      for (Member m : room.members.values()) {
        if (!m.peer().id().equals(exceptPeerId)) {
          m.deliver(message);
        }
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<RoomState> state(String roomId) {
    Room room = rooms.get(roomId);
    if (room == null) {
      return Future.succeededFuture(RoomState.EMPTY);
    }
    synchronized (room) {
      return Future.succeededFuture(room.state);
    }
  }

  @Override
  public Future<RoomState> updateState(String roomId, UnaryOperator<RoomState> update) {
    RoomState[] next = {RoomState.EMPTY};
    rooms.computeIfPresent(roomId, (id, room) -> {
      synchronized (room) {
        room.state = update.apply(room.state);
        next[0] = room.state;
      }
      return room;
    });
    return Future.succeededFuture(next[0]);
  }

  @Override
  public Future<List<Peer>> peers(String roomId) {
    return Future.succeededFuture(snapshot(roomId).stream().map(Member::peer).toList());
  }

  private List<Member> snapshot(String roomId) {
    Room room = rooms.get(roomId);
    if (room == null) {
      return List.of();
    }
    synchronized (room) {
      return new ArrayList<>(room.members.values());
    }
  }

  private static JsonObject peerLeft(String peerId) {
    return new JsonObject().put("type", "peer-left").put("peerId", peerId);
  }
}
