package dev.kizuna.server.db;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mongo-java-server with its H2 (MVStore) backend, its data in {@code <dataDir>/kizuna.mv},
 * listening on 127.0.0.1: the embedded database, inside a node ({@link EmbeddedMongo}) or on
 * its own ({@link DatabaseServer}).
 *
 * <p>The H2 store commits lazily (shared/design/FACTS.md), so whoever holds this decides when
 * to {@link #commit()}; {@link #shutdown()} commits what is pending.
 */
final class MongoWireServer {

  private final MongoServer server;
  private final H2Backend backend;

  private MongoWireServer(MongoServer server, H2Backend backend) {
    this.server = server;
    this.backend = backend;
  }

  /** Opens the store in {@code dataDir} (created if missing) and listens on {@code port} (0: any free port). Blocks. */
  static MongoWireServer open(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    H2Backend backend = new H2Backend(dataDir.resolve("kizuna.mv").toString());
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    return new MongoWireServer(server, backend);
  }

  /** The port it listens on. */
  int port() {
    return server.getLocalAddress().getPort();
  }

  /** The connection string of the official driver, {@code mongodb://127.0.0.1:<port>}. */
  String connectionString() {
    return "mongodb://127.0.0.1:" + port();
  }

  /** Writes every completed write to disk. Blocks. */
  void commit() {
    backend.commit();
  }

  /** Closes the connections and the store (which commits what is pending). Blocks. */
  void shutdown() {
    server.shutdown();
  }
}
