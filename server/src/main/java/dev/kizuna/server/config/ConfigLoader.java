package dev.kizuna.server.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@link KizunaConfig} with vertx-config: defaults from the classpath's
 * {@code reference.yaml}, then an optional YAML file ({@code KIZUNA_CONFIG}, else
 * {@code ./kizuna.yaml}), then environment variables, then {@code overrides} (tests).
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * @param overrides highest-priority values, keyed like the environment variables
   * @return the settings; fails with {@link IllegalArgumentException} on a malformed value
   */
  public static Future<KizunaConfig> load(Vertx vertx, Map<String, String> overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false)
        .addStore(yaml("reference.yaml"));
    String file = System.getenv().getOrDefault("KIZUNA_CONFIG", "kizuna.yaml");
    if (Files.isRegularFile(Path.of(file))) {
      options.addStore(yaml(file));
    }
    options.addStore(new ConfigStoreOptions().setType("env"));
    JsonObject explicit = new JsonObject();
    overrides.forEach(explicit::put);
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(explicit));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        })
        .map(KizunaConfig::from);
  }

  private static ConfigStoreOptions yaml(String path) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setConfig(new JsonObject().put("path", path));
  }
}
