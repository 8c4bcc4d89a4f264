package dev.kizuna.signaling;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One connection of a participant in a room. The {@code id} is per connection (a reconnect
 * gets a new one); {@code userId} is stable and identifies the participant.
 *
 * @param id opaque peer id, unique per connection
 * @param userId the participant's user id
 * @param role member or manager of the meeting's pair
 * @param name display name
 */
public record Peer(String id, String userId, ParticipantRole role, String name) {

  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
  }

  /** The wire form {@code {id,userId,role,name}} of docs/PROTOCOL.md. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("userId", userId).put("role", role.name()).put("name", name);
  }
}
