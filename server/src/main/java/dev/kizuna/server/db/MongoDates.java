package dev.kizuna.server.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Converts between {@link Instant} and the vertx-mongo-client's extended-JSON dates. */
public final class MongoDates {

  private MongoDates() {}

  /**
   * {@code instant} at the precision a BSON date keeps (milliseconds), so that a value answered
   * right after a write equals the one read back later.
   */
  public static Instant storable(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A BSON date for a document or filter. */
  public static JsonObject toMongo(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  /**
   * Reads a BSON date from a document; {@code null} if absent.
   *
   * @throws IllegalArgumentException if the value is not a date
   */
  public static Instant fromMongo(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject date && date.containsKey("$date")) {
      Object v = date.getValue("$date");
      if (v instanceof Number millis) {
        return Instant.ofEpochMilli(millis.longValue());
      }
      return Instant.parse(v.toString());
    }
    throw new IllegalArgumentException("not a date: " + value);
  }
}
