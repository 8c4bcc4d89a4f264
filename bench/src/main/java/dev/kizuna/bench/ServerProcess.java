package dev.kizuna.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kizuna fat jar running as a child process on a free loopback port with a fresh data
 * folder, so the benchmark measures the server's own memory and CPU, not the load generator's.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code jar} with {@code env} added and waits for {@code /health} to answer 200. */
  static ServerProcess start(Path jar, Map<String, String> env) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path dataDir = Files.createTempDirectory("kizuna-bench");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xms256m", "-Xmx2g", "-Dfile.encoding=UTF-8", "-jar", jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("server.log").toFile());
    builder.environment().putAll(env);
    builder.environment().put("KIZUNA_HTTP_PORT", Integer.toString(port));
    builder.environment().put("KIZUNA_HTTP_HOST", "127.0.0.1");
    builder.environment().put("KIZUNA_DATA_DIR", dataDir.resolve("data").toString());
    ServerProcess server = new ServerProcess(builder.start(), port);
    server.awaitHealthy(Duration.ofSeconds(60));
    return server;
  }

  private void awaitHealthy(Duration limit) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("server exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("server not healthy within " + limit);
  }

  /** Java heap in use right after a full GC ({@code jcmd GC.run}), in bytes. */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IOException("no heap figure from jcmd");
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  /** Resident set size of the server process, in bytes (Linux). */
  long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS");
  }

  /** CPU time (user + system) the server process has used so far, in nanoseconds. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
