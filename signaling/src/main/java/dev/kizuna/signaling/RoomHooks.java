package dev.kizuna.signaling;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Lifecycle hooks of a room, in the manner of Hocuspocus extensions: the application plugs in
 * persistence and meeting status here. Every method defaults to a succeeded future.
 */
public interface RoomHooks {

  /** Hooks that do nothing. */
  RoomHooks NONE = new RoomHooks() {};

  /**
   * Called before {@code peer} enters; a failed future refuses the join with an error frame
   * and leaves the room untouched.
   */
  default Future<Void> beforeJoin(String roomId, Peer peer) {
    return Future.succeededFuture();
  }

  /**
   * Called after {@code peer} entered and got its {@code welcome}; a failure is logged and
   * changes nothing.
   */
  default Future<Void> afterJoin(String roomId, Peer peer) {
    return Future.succeededFuture();
  }

  /**
   * Called when {@code peer} reports that its peer-to-peer ICE connection failed
   * ({@code ice-failed}); a failure is logged.
   */
  default Future<Void> afterIceFailed(String roomId, Peer peer) {
    return Future.succeededFuture();
  }

  /**
   * Called with the SDP answer {@code peer} gave to the bridge's offer ({@code bridge-answer}).
   * A failure with an {@link IllegalArgumentException} is answered with {@code bad-message} and
   * its message, any other with {@code bridge-failed}.
   */
  default Future<Void> afterBridgeAnswer(String roomId, Peer peer, String sdp) {
    return Future.succeededFuture();
  }

  /** Called after {@code peer} left (by leave, close or replacement). */
  default Future<Void> afterLeave(String roomId, Peer peer) {
    return Future.succeededFuture();
  }

  /**
   * Called after {@code peer} gave ({@code given}) or withdrew its consent to transcription and
   * the room's state holds it, before the room hears of it.
   */
  default Future<Void> afterConsent(String roomId, Peer peer, boolean given) {
    return Future.succeededFuture();
  }

  /**
   * Called after {@code peer} made agenda item {@code index} the current one and the room heard
   * of it; a failure is logged and changes nothing.
   */
  default Future<Void> afterAgendaIndex(String roomId, Peer peer, int index) {
    return Future.succeededFuture();
  }

  /**
   * Hooks that run {@code hooks} in order, each after the previous one succeeded; the first
   * failure is the result.
   */
  static RoomHooks chain(RoomHooks... hooks) {
    List<RoomHooks> all = List.of(hooks);
    return new RoomHooks() {
      @Override
      public Future<Void> beforeJoin(String roomId, Peer peer) {
        return inOrder(all, h -> h.beforeJoin(roomId, peer));
      }

      @Override
      public Future<Void> afterJoin(String roomId, Peer peer) {
        return inOrder(all, h -> h.afterJoin(roomId, peer));
      }

      @Override
      public Future<Void> afterIceFailed(String roomId, Peer peer) {
        return inOrder(all, h -> h.afterIceFailed(roomId, peer));
      }

      @Override
      public Future<Void> afterBridgeAnswer(String roomId, Peer peer, String sdp) {
        return inOrder(all, h -> h.afterBridgeAnswer(roomId, peer, sdp));
      }

      @Override
      public Future<Void> afterLeave(String roomId, Peer peer) {
        return inOrder(all, h -> h.afterLeave(roomId, peer));
      }

      @Override
      public Future<Void> afterConsent(String roomId, Peer peer, boolean given) {
        return inOrder(all, h -> h.afterConsent(roomId, peer, given));
      }

      @Override
      public Future<Void> afterAgendaIndex(String roomId, Peer peer, int index) {
        return inOrder(all, h -> h.afterAgendaIndex(roomId, peer, index));
      }
    };
  }

  private static Future<Void> inOrder(List<RoomHooks> hooks, Function<RoomHooks, Future<Void>> call) {
    Future<Void> result = Future.succeededFuture();
    for (RoomHooks h : hooks) {
      result = result.compose(v -> call.apply(h));
    }
    return result;
  }
}
