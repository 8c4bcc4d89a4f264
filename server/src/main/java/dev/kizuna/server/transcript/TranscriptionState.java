package dev.kizuna.server.transcript;

import io.vertx.core.json.JsonObject;

/**
 * What the room is told about transcription: {@code {"type":"transcription","state":..,"reason"?}}.
 *
 * @param state {@code off} (not everyone consents), {@code on}, {@code degraded} (recognition
 *     behind real time, partial results dropped), {@code unavailable} (no model)
 * @param reason why, for {@code degraded} and {@code unavailable}; else {@code null}
 */
public record TranscriptionState(String state, String reason) {

  public static final TranscriptionState OFF = new TranscriptionState("off", null);
  public static final TranscriptionState ON = new TranscriptionState("on", null);

  public static TranscriptionState degraded(String reason) {
    return new TranscriptionState("degraded", reason);
  }

  public static TranscriptionState unavailable(String reason) {
    return new TranscriptionState("unavailable", reason);
  }

  /** {@code {"state":..,"reason"?:..}}, as the room's state and the {@code welcome} carry it. */
  public JsonObject toStatus() {
    JsonObject json = new JsonObject().put("state", state);
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }

  /** The room message {@code {"type":"transcription",...}}. */
  public JsonObject toMessage() {
    return toStatus().put("type", "transcription");
  }
}
