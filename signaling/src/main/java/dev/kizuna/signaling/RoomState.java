package dev.kizuna.signaling;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a room remembers beside its peers: each side's consent to transcription and the agenda
 * item being discussed.
 *
 * @param consent consent to transcription per side; absent means not given
 * @param agendaIndex index of the current agenda item, or {@code null} before anyone chose one
 */
public record RoomState(Map<ParticipantRole, Boolean> consent, Integer agendaIndex) {

  /** The state of a room nobody has touched yet. */
  public static final RoomState EMPTY = new RoomState(Map.of(), null);

  public RoomState {
    consent = Map.copyOf(consent);
  }

  /** A copy with {@code role}'s consent set to {@code given}. */
  public RoomState withConsent(ParticipantRole role, boolean given) {
    Map<ParticipantRole, Boolean> next = new EnumMap<>(ParticipantRole.class);
    next.putAll(consent);
    next.put(role, given);
    return new RoomState(next, agendaIndex);
  }

  /** A copy whose current agenda item is {@code index}. */
  public RoomState withAgendaIndex(int index) {
    return new RoomState(consent, index);
  }

  /** Consent as sent on the wire: {@code {"MEMBER":bool,"MANAGER":bool}}. */
  public JsonObject consentJson() {
    JsonObject json = new JsonObject();
    for (ParticipantRole role : ParticipantRole.values()) {
      json.put(role.name(), consent.getOrDefault(role, false));
    }
    return json;
  }
}
