package dev.kizuna.server.media.colibri2;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * Reading colibri2 JSON, whose numbers often arrive as strings (the format mirrors the XMPP
 * attributes of Jingle/colibri, see jitsi-videobridge doc/rest-colibri2.md).
 */
final class Colibri2Json {

  private Colibri2Json() {}

  /** A string field, failing with a clear message when it is missing. */
  static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      throw new IllegalArgumentException("colibri2: missing '" + key + "' in " + json.encode());
    }
    return value.toString();
  }

  /** A number sent as a JSON number or a decimal string. */
  static long number(JsonObject json, String key) {
    try {
      return Long.parseLong(text(json, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("colibri2: '" + key + "' is not a number in " + json.encode(), e);
    }
  }

  /** The objects of an array field (none when absent), each mapped by {@code reader}. */
  static <T> List<T> objects(JsonObject json, String key, Function<JsonObject, T> reader) {
    JsonArray array = json.getJsonArray(key, new JsonArray());
    return array.stream().map(o -> reader.apply((JsonObject) o)).toList();
  }

  /** {@code items} written by {@code writer} into a JSON array. */
  static <T> JsonArray array(List<T> items, Function<T, Object> writer) {
    return new JsonArray(items.stream().map(writer).toList());
  }
}
