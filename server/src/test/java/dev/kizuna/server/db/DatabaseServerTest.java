package dev.kizuna.server.db;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.Await;
import dev.kizuna.server.testing.Duo;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone database ({@link DatabaseServer}) as documented: started in a child JVM with
 * {@code --port} and {@code --data-dir}, used by a node through {@code MONGO_URL} and the
 * official driver, stopped with SIGTERM and started again on the same folder.
 */
class DatabaseServerTest {

  private static final Pattern LISTENING = Pattern.compile("Kizuna database listening on mongodb://127\\.0\\.0\\.1:(\\d+)");

  /** A {@code DatabaseServer} child JVM with its output in a file. */
  private record Child(Process process, Path output) {

    static Child start(Path dir, String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path output = Files.createTempFile(dir, "database", ".log");
      List<String> command = Stream.concat(Stream.of(java, "-cp", classpath, DatabaseServer.class.getName()), Stream.of(args)).toList();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new Child(process, output);
    }

    String text() {
      try {
        return Files.readString(output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Waits for the line saying it listens; returns the port. */
    int port() {
      Matcher m = Await.until("the database listening", Duration.ofSeconds(30), () -> {
        assertThat(process.isAlive()).as("database alive; output:\n%s", text()).isTrue();
        return LISTENING.matcher(text());
      }, Matcher::find);
      return Integer.parseInt(m.group(1));
    }

    int exitCode() throws InterruptedException {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("database exited").isTrue();
      return process.exitValue();
    }
  }

  @Test
  @DisplayName("a node on MONGO_URL of the standalone database keeps users, pairs and meetings across the database's restart")
  void nodeDataSurvivesADatabaseRestart(@TempDir Path dir) throws IOException, InterruptedException {
    Path data = dir.resolve("database");
    Child database = Child.start(dir, "--port", "0", "--data-dir", data.toString());
    int port = database.port();
    try (KizunaNode node = new KizunaNode().with("MONGO_URL", "mongodb://127.0.0.1:" + port).start()) {
      Duo duo = node.duo();
      String meetingId = createMeeting(duo.memberApi(), duo.pairId()).getString("id");
      assertThat(Files.exists(data.resolve("kizuna.mv"))).as("the store lives in --data-dir").isTrue();

      database.process().destroy();
      assertThat(database.exitCode()).as("SIGTERM ends it through its shutdown hook").isEqualTo(143);
      database = Child.start(dir, "--port", Integer.toString(port), "--data-dir", data.toString());
      assertThat(database.port()).isEqualTo(port);

      // a fresh login reads the user from the restarted database, the meeting read finds pair and meeting
      Api member = node.login(duo.member());
      JsonObject meeting = member.get("/api/meetings/" + meetingId).bodyAsJsonObject();
      assertThat(meeting.getString("id")).isEqualTo(meetingId);
      assertThat(meeting.getString("pairId")).isEqualTo(duo.pairId());
      assertThat(meeting.getString("status")).isEqualTo("PLANNED");
    } finally {
      database.process().destroyForcibly();
    }
  }

  @Test
  @DisplayName("a bad argument stops it with exit code 2 and the usage")
  void badArgumentsAreRefused(@TempDir Path dir) throws IOException, InterruptedException {
    Child database = Child.start(dir, "--port", "http");
    assertThat(database.exitCode()).isEqualTo(2);
    assertThat(database.text()).contains("--port must be a number from 0 to 65535, got 'http'").contains("usage:");
  }
}
