package dev.kizuna.server.analytics;

import dev.kizuna.server.agenda.AgendaItem;
import java.time.Instant;
import java.util.List;

/**
 * An ended meeting as the analytics read it.
 *
 * @param pairId its pair
 * @param unit the organisation unit of the pair's member (empty when unset)
 * @param heldAt when it took place: its first join, or its end when nobody joined
 * @param items its agenda
 */
public record HeldMeeting(String pairId, String unit, Instant heldAt, List<AgendaItem> items) {}
