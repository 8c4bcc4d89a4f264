package dev.kizuna.signaling;

import io.vertx.core.json.JsonArray;

/**
 * Who is on the other end of an authenticated room socket, decided by the application before
 * the socket is served.
 *
 * @param roomId the meeting id
 * @param userId the participant's user id
 * @param role member or manager of the meeting's pair
 * @param name display name shown to the other participant
 * @param agendaSize number of agenda items; {@code agenda.current} indexes must be below it
 * @param iceServers the {@code RTCIceServer} list for this participant
 */
public record RoomSession(String roomId, String userId, ParticipantRole role, String name, int agendaSize,
    JsonArray iceServers) {}
