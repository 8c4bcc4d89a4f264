package dev.kizuna.server.summary;

import dev.kizuna.server.meeting.Meeting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Told each time a meeting's summary is accepted, after it is stored; the accept answer waits for it.
 * A failure is logged and never fails the acceptance.
 */
@FunctionalInterface
public interface SummaryAcceptListener {

  /**
   * @param meeting the meeting whose summary was accepted
   * @param summary the accepted summary in wire form ({@code SummarySection.toWire})
   */
  Future<Void> accepted(Meeting meeting, JsonObject summary);

  /** A listener that does nothing. */
  static SummaryAcceptListener none() {
    return (meeting, summary) -> Future.succeededFuture();
  }
}
