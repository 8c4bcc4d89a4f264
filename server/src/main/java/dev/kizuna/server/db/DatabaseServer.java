package dev.kizuna.server.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded MongoDB-wire database on its own, so that several nodes on one machine can share
 * it without a MongoDB: {@code java -cp kizuna.jar dev.kizuna.server.db.DatabaseServer --port
 * 27017 --data-dir data/database}, then {@code MONGO_URL=mongodb://127.0.0.1:27017} for each
 * node. Prints {@code Kizuna database listening on mongodb://127.0.0.1:<port>} once it accepts
 * connections.
 *
 * <p>Nodes treat it as an external MongoDB, whose writes they take as durable once acknowledged;
 * this server commits its H2 store every {@value #COMMIT_MILLIS} ms and on shutdown (SIGTERM),
 * so killing it with SIGKILL can lose the writes of the last interval. For trying things out
 * and tests; production uses a MongoDB replica set (docker/compose.yaml).
 */
public final class DatabaseServer implements AutoCloseable {

  /** How often the store is committed (ms): the most a SIGKILL of this process can lose. */
  static final long COMMIT_MILLIS = 100;

  private static final String USAGE = "usage: java -cp kizuna.jar dev.kizuna.server.db.DatabaseServer"
      + " [--port N (default 27017, 0: any free port)] [--data-dir DIR (default data/database)]";

  private final MongoWireServer server;
  private final ScheduledExecutorService committer;

  private DatabaseServer(MongoWireServer server) {
    this.server = server;
    this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "kizuna-database-commit");
      thread.setDaemon(true);
      return thread;
    });
    committer.scheduleWithFixedDelay(server::commit, COMMIT_MILLIS, COMMIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the store in {@code dataDir} and listens on 127.0.0.1:{@code port} (0: any free port).
   *
   * @throws IOException if the folder cannot be created or the store opened
   */
  public static DatabaseServer start(Path dataDir, int port) throws IOException {
    return new DatabaseServer(MongoWireServer.open(dataDir, port));
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** {@code mongodb://127.0.0.1:<port>}, the value of the nodes' {@code MONGO_URL}. */
  public String connectionString() {
    return server.connectionString();
  }

  /** Stops the periodic commits, then commits and closes the store. */
  @Override
  public void close() {
    committer.shutdown();
    try {
      committer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdown();
  }

  /** Runs until SIGTERM or SIGINT; exit code 2 on bad arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = 27017;
    Path dataDir = Path.of("data", "database");
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String flag = list.get(i);
      boolean hasValue = i + 1 < list.size();
      if (flag.equals("--port") && hasValue) {
        port = parsePort(list.get(++i));
      } else if (flag.equals("--data-dir") && hasValue) {
        dataDir = Path.of(list.get(++i));
      } else if (flag.equals("--help") || flag.equals("-h")) {
        System.out.println(USAGE);
        return;
      } else {
        System.err.println("unknown or incomplete argument '" + flag + "'\n" + USAGE);
        System.exit(2);
      }
    }
    DatabaseServer database = start(dataDir, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      database.close();
      stopped.countDown();
    }, "kizuna-database-shutdown"));
    System.out.println("Kizuna database listening on " + database.connectionString()
        + " (data in " + dataDir.toAbsolutePath().normalize() + ")");
    stopped.await();
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below like an out-of-range number
    }
    System.err.println("--port must be a number from 0 to 65535, got '" + value + "'\n" + USAGE);
    System.exit(2);
    return -1;
  }
}
