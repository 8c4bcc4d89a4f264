package dev.kizuna.signaling.memo;

import dev.kizuna.signaling.memo.impl.LocalDocumentRegistry;
import dev.kizuna.signaling.memo.impl.RepoSocketImpl;
import io.vertx.core.http.ServerWebSocket;

/**
 * Serves the automerge-repo WebSocket network protocol (binary CBOR frames) on one authenticated
 * WebSocket, so that the stock {@code @automerge/automerge-repo} client with its WebSocket adapter
 * syncs with the server: {@code join} is answered by {@code peer}; {@code sync} and {@code request}
 * go to the {@link DocumentRegistry} (a document the caller may not read, or that does not exist,
 * gets {@code doc-unavailable}); {@code ephemeral} is relayed to the other peers of a document the
 * sender may read. Bad frames, floods and refused changes get an {@code error} message and change
 * nothing; the socket stays open.
 */
public interface RepoSocket {

  /**
   * Starts serving {@code socket} for {@code session}; call on the socket's event loop, before the
   * handshake completes or right after. {@code registry} must come from
   * {@link DocumentRegistry#create}.
   */
  static void serve(ServerWebSocket socket, RepoSession session, DocumentRegistry registry, DocumentAccess access,
      MemoLimits limits) {
    if (!(registry instanceof LocalDocumentRegistry local)) {
      throw new IllegalArgumentException("registry must come from DocumentRegistry.create");
    }
    new RepoSocketImpl(socket, session, local, access, limits).start();
  }
}
