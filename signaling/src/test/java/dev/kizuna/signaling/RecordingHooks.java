package dev.kizuna.signaling;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Room hooks that record every leave and agenda change and answer joins with a replaceable function. */
final class RecordingHooks implements RoomHooks {

  private final BlockingQueue<Peer> left = new LinkedBlockingQueue<>();
  private final BlockingQueue<Peer> joinAttempts = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> agendaChanges = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> media = new LinkedBlockingQueue<>();
  private volatile Function<Peer, Future<Void>> beforeJoin = p -> Future.succeededFuture();
  private volatile Function<String, Future<Void>> bridgeAnswer = sdp -> Future.succeededFuture();

  /** How {@code afterBridgeAnswer} answers, given the SDP. */
  RecordingHooks bridgeAnswer(Function<String, Future<Void>> answer) {
    this.bridgeAnswer = answer;
    return this;
  }

  RecordingHooks beforeJoin(Function<Peer, Future<Void>> answer) {
    this.beforeJoin = answer;
    return this;
  }

  @Override
  public Future<Void> beforeJoin(String roomId, Peer peer) {
    joinAttempts.add(peer);
    return beforeJoin.apply(peer);
  }

  @Override
  public Future<Void> afterJoin(String roomId, Peer peer) {
    media.add("join:" + peer.id());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> afterIceFailed(String roomId, Peer peer) {
    media.add("ice-failed:" + peer.id());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> afterBridgeAnswer(String roomId, Peer peer, String sdp) {
    media.add("bridge-answer:" + peer.id() + ":" + sdp);
    return bridgeAnswer.apply(sdp);
  }

  /**
   * The next media hook call as {@code join:<peerId>}, {@code ice-failed:<peerId>} or
   * {@code bridge-answer:<peerId>:<sdp>}, or {@code null} if none within {@code wait}.
   */
  String nextMedia(Duration wait) throws InterruptedException {
    return media.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> afterLeave(String roomId, Peer peer) {
    left.add(peer);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> afterAgendaIndex(String roomId, Peer peer, int index) {
    agendaChanges.add(peer.id() + "->" + index);
    return Future.succeededFuture();
  }

  /** The next {@code afterAgendaIndex} call as {@code peerId->index}, or {@code null} if none within {@code wait}. */
  String nextAgendaChange(Duration wait) throws InterruptedException {
    return agendaChanges.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next peer passed to {@code afterLeave}, or {@code null} if none within {@code wait}. */
  Peer nextLeft(Duration wait) throws InterruptedException {
    return left.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  int joinAttempts() {
    return joinAttempts.size();
  }
}
