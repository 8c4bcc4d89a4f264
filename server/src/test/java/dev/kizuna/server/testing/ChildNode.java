package dev.kizuna.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code dev.kizuna.server.Main} in a child JVM on this test's classpath, configured by environment. */
public final class ChildNode {

  private static final Pattern LISTENING = Pattern.compile("Kizuna listening on port (\\d+)");

  public final Process process;
  public final int port;

  private ChildNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static ChildNode start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** Starts a node on {@code port} (0: any free port), so that a restart can keep the clients' URL. */
  public static ChildNode start(Path dataDir, int port) throws IOException {
    return start(dataDir, port, Map.of());
  }

  /** Starts a node on {@code port} with {@code settings} (e.g. {@code REDIS_URL}, {@code MONGO_URL}) added to its environment. */
  public static ChildNode start(Path dataDir, int port, Map<String, String> settings) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, "dev.kizuna.server.Main")
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("KIZUNA_") || k.equals("MONGO_URL") || k.equals("REDIS_URL"));
    env.put("KIZUNA_CONFIG", dataDir.resolve("no-such-kizuna.yaml").toString());
    env.put("KIZUNA_HTTP_PORT", Integer.toString(port));
    env.put("KIZUNA_HTTP_HOST", "127.0.0.1");
    env.put("KIZUNA_DATA_DIR", dataDir.toString());
    env.put("KIZUNA_ADMIN_EMAIL", KizunaNode.ADMIN_EMAIL);
    env.put("KIZUNA_ADMIN_PASSWORD", KizunaNode.ADMIN_PASSWORD);
    env.put("KIZUNA_PASSWORD_ITERATIONS", KizunaNode.TEST_ITERATIONS);
    env.put("KIZUNA_LOG_LEVEL", "INFO");
    env.putAll(settings);
    Process process = builder.start();
    StringBuffer output = new StringBuffer();
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.append(line).append('\n');
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the process went away
      }
      listening.completeExceptionally(new AssertionError("the child node ended before listening:\n" + output));
    }, "kizuna-child-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChildNode(process, listening.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("the child node did not start:\n" + output, e);
    }
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
