package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.RepoMessage;

/** One connected automerge-repo peer as the documents see it: an id and a way to reach it. */
interface PeerLink {

  /** The peer id the client announced in its {@code join}. */
  String peerId();

  /** Sends {@code message} to the peer; callable from any thread, keeps the order of calls. */
  void deliver(RepoMessage message);
}
