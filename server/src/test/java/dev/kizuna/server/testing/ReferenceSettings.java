package dev.kizuna.server.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The server's defaults as the config loader reads them: reference.yaml from the classpath, typed YAML scalars. */
public final class ReferenceSettings {

  private ReferenceSettings() {}

  /** A fresh copy of every key of reference.yaml with its default. */
  public static JsonObject defaults() {
    try (InputStream in = ReferenceSettings.class.getClassLoader().getResourceAsStream("reference.yaml")) {
      Map<String, Object> yaml = new Yaml().load(in);
      return new JsonObject(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
