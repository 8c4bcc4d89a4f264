package dev.kizuna.signaling;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a room remembers beside its peers: each side's consent to transcription, the agenda
 * item being discussed, and where transcription stands.
 *
 * @param consent consent to transcription per side; absent means not given
 * @param agendaIndex index of the current agenda item, or {@code null} before anyone chose one
 * @param transcription {@code {"state":..,"reason"?:..}} as the application last set it
 *     ({@code {"state":"off"}} at first), sent to newcomers in {@code welcome}
 */
public record RoomState(Map<ParticipantRole, Boolean> consent, Integer agendaIndex, JsonObject transcription) {

  /** The state of a room nobody has touched yet. */
  public static final RoomState EMPTY = new RoomState(Map.of(), null, new JsonObject().put("state", "off"));

  public RoomState {
    consent = Map.copyOf(consent);
    transcription = transcription.copy();
  }

  @Override
  public JsonObject transcription() {
    return transcription.copy();
  }

  /** A copy whose transcription status is {@code status} ({@code {"state":..,"reason"?:..}}). */
  public RoomState withTranscription(JsonObject status) {
    return new RoomState(consent, agendaIndex, status);
  }

  /** A copy with {@code role}'s consent set to {@code given}. */
  public RoomState withConsent(ParticipantRole role, boolean given) {
    Map<ParticipantRole, Boolean> next = new EnumMap<>(ParticipantRole.class);
    next.putAll(consent);
    next.put(role, given);
    return new RoomState(next, agendaIndex, transcription);
  }

  /** A copy whose current agenda item is {@code index}. */
  public RoomState withAgendaIndex(int index) {
    return new RoomState(consent, index, transcription);
  }

  /** Consent as sent on the wire: {@code {"MEMBER":bool,"MANAGER":bool}}. */
  public JsonObject consentJson() {
    JsonObject json = new JsonObject();
    for (ParticipantRole role : ParticipantRole.PAIR) {
      json.put(role.name(), consent.getOrDefault(role, false));
    }
    return json;
  }
}
