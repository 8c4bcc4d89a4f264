package dev.kizuna.signaling.memo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of the automerge-repo network protocol (automerge-repo 2.5,
 * {@code automerge-repo-network-websocket}), each a CBOR map on a binary WebSocket frame. Field
 * names are the wire names. {@link RepoCodec} reads and writes them.
 */
public sealed interface RepoMessage {

  /** The peer id of the sender. */
  String senderId();

  /** The wire {@code type}. */
  String type();

  /** Client to server, first: who the client is and which protocol versions it speaks. */
  record Join(String senderId, Map<String, Object> peerMetadata, List<String> supportedProtocolVersions)
      implements RepoMessage {
    public Join {
      Objects.requireNonNull(senderId, "senderId");
      peerMetadata = peerMetadata == null ? Map.of() : peerMetadata;
      supportedProtocolVersions = supportedProtocolVersions == null ? null : List.copyOf(supportedProtocolVersions);
    }

    @Override
    public String type() {
      return "join";
    }
  }

  /** Server to client, answering {@link Join}: the server's peer id and the selected version. */
  record Peer(String senderId, String targetId, Map<String, Object> peerMetadata, String selectedProtocolVersion)
      implements RepoMessage {
    public Peer {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      peerMetadata = peerMetadata == null ? Map.of() : peerMetadata;
      Objects.requireNonNull(selectedProtocolVersion, "selectedProtocolVersion");
    }

    @Override
    public String type() {
      return "peer";
    }
  }

  /** Sent by automerge-repo 1.x clients before disconnecting. */
  record Leave(String senderId) implements RepoMessage {
    public Leave {
      Objects.requireNonNull(senderId, "senderId");
    }

    @Override
    public String type() {
      return "leave";
    }
  }

  /** An Automerge sync message for one document. */
  record Sync(String senderId, String targetId, DocumentId documentId, byte[] data) implements RepoMessage {
    public Sync {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String type() {
      return "sync";
    }
  }

  /** Like {@link Sync}, sent by a peer that does not have the document and asks for it. */
  record Request(String senderId, String targetId, DocumentId documentId, byte[] data) implements RepoMessage {
    public Request {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String type() {
      return "request";
    }
  }

  /** The sender does not have the document (or will not share it). */
  record DocUnavailable(String senderId, String targetId, DocumentId documentId) implements RepoMessage {
    public DocUnavailable {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(documentId, "documentId");
    }

    @Override
    public String type() {
      return "doc-unavailable";
    }
  }

  /**
   * Application data about a document that is relayed, not stored (presence, cursors).
   * {@code sessionId} and {@code count} let receivers drop duplicates.
   */
  record Ephemeral(String senderId, String targetId, DocumentId documentId, String sessionId, long count,
      byte[] data) implements RepoMessage {
    public Ephemeral {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String type() {
      return "ephemeral";
    }

    /** The same message addressed to {@code target}. */
    public Ephemeral to(String target) {
      return new Ephemeral(senderId, target, documentId, sessionId, count, data);
    }
  }

  /**
   * An error. Stock clients log it; {@code code} (Kizuna's extension, may be {@code null}) tells
   * programs what happened.
   */
  record Error(String senderId, String targetId, String message, String code) implements RepoMessage {
    public Error {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /** Subscribes to or unsubscribes from remote heads of storage ids (accepted and ignored). */
  record RemoteSubscriptionChange(String senderId, String targetId, List<String> add, List<String> remove)
      implements RepoMessage {
    public RemoteSubscriptionChange {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      add = add == null ? List.of() : List.copyOf(add);
      remove = remove == null ? List.of() : List.copyOf(remove);
    }

    @Override
    public String type() {
      return "remote-subscription-change";
    }
  }

  /** Gossip about a document's heads on some storage (accepted and ignored). */
  record RemoteHeadsChanged(String senderId, String targetId, DocumentId documentId, Map<String, Object> newHeads)
      implements RepoMessage {
    public RemoteHeadsChanged {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(documentId, "documentId");
      newHeads = newHeads == null ? Map.of() : newHeads;
    }

    @Override
    public String type() {
      return "remote-heads-changed";
    }
  }
}
