package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.DocumentId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a client's changes to a replica in a child JVM ({@link GuardMain}) before the live
 * document gets them. automerge 0.5.7 panics on some crafted changes (out-of-range indices,
 * impossible operations) and a panic inside JNI aborts the whole JVM; in the child it only kills
 * the child, which the guard restarts. Blocking: call from worker threads only. One request at a
 * time; a request that takes longer than the timeout counts as a crash (a hang is refused too).
 */
final class ChangeGuard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeGuard.class);

  /** What the replica made of the changes. */
  enum Verdict {
    /** Applied in the replica: safe to apply live. */
    ACCEPTED,
    /** Automerge refused them with an error. */
    REFUSED,
    /** They killed (or hung) the replica process. */
    CRASHED
  }

  private final List<String> command;
  private final Path tempDir;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kizuna-memo-guard-watchdog");
    t.setDaemon(true);
    return t;
  });
  private final Set<DocumentId> replicas = new HashSet<>();
  private Process process;
  private DataOutputStream out;
  private DataInputStream in;
  private boolean closed;
  private boolean startFailed;

  ChangeGuard(Duration timeout) {
    this.timeout = timeout;
    this.tempDir = createTempDir();
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The native library unpacks itself (7 MB) into java.io.tmpdir and deletes it on a clean exit
    // only; a child that panicked leaves it behind, so the child gets a directory of its own that
    // is emptied before every start.
    this.command = List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tempDir, "-cp", System.getProperty("java.class.path"),
        GuardMain.class.getName());
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("kizuna-memo-guard-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the guard's temporary directory", e);
    }
  }

  private void emptyTempDir(boolean removeDir) {
    try (Stream<Path> files = Files.list(tempDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      if (removeDir) {
        Files.deleteIfExists(tempDir);
      }
    } catch (IOException e) {
      LOG.debug("could not clean {}", tempDir, e);
    }
  }

  /** Starts the child now rather than on the first change (it takes about half a second). */
  synchronized void warmUp() {
    try {
      ensureStarted();
      call(GuardMain.PING, "-", new byte[0]);
    } catch (IOException e) {
      restart("warm-up failed: " + e.getMessage());
    }
  }

  /**
   * Applies {@code changes} to the replica of {@code id}, loading it from {@code document} (the
   * live document's saved bytes) first if the child does not hold it.
   */
  synchronized Verdict check(DocumentId id, Supplier<byte[]> document, byte[] changes) {
    if (closed) {
      return Verdict.REFUSED;
    }
    try {
      ensureStarted();
    } catch (IOException e) {
      if (!startFailed) {
        LOG.error("cannot start the Automerge guard process ({}); changes are applied unguarded", e.getMessage());
        startFailed = true;
      }
      return Verdict.ACCEPTED;
    }
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        if (!replicas.contains(id)) {
          if (call(GuardMain.LOAD, id.value(), document.get()) != GuardMain.OK) {
            LOG.error("the guard could not load memo document {}; refusing its changes", id);
            return Verdict.REFUSED;
          }
          replicas.add(id);
        }
        int status = call(GuardMain.APPLY, id.value(), changes);
        if (status == GuardMain.OK) {
          return Verdict.ACCEPTED;
        }
        replicas.remove(id);
        if (status != GuardMain.NO_REPLICA) {
          call(GuardMain.DROP, id.value(), new byte[0]);
          return Verdict.REFUSED;
        }
      }
      return Verdict.REFUSED;
    } catch (IOException e) {
      restart("changes to " + id + " crashed or hung it");
      return Verdict.CRASHED;
    }
  }

  /** Applies changes the live document made itself (server edits) to the replica, if loaded. */
  synchronized void mirror(DocumentId id, byte[] changes) {
    if (closed || process == null || !replicas.contains(id)) {
      return;
    }
    try {
      if (call(GuardMain.APPLY, id.value(), changes) != GuardMain.OK) {
        replicas.remove(id);
        call(GuardMain.DROP, id.value(), new byte[0]);
      }
    } catch (IOException e) {
      restart("mirroring a server change crashed it");
    }
  }

  /** Forgets the replica of {@code id} (rolled back, unloaded). */
  synchronized void drop(DocumentId id) {
    if (closed || process == null || !replicas.remove(id)) {
      return;
    }
    try {
      call(GuardMain.DROP, id.value(), new byte[0]);
    } catch (IOException e) {
      restart("dropping a replica failed");
    }
  }

  private void ensureStarted() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    replicas.clear();
    emptyTempDir(false);
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    startFailed = false;
  }

  private int call(int op, String id, byte[] data) throws IOException {
    Process p = process;
    ScheduledFuture<?> kill = watchdog.schedule(p::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      out.write(op);
      out.writeUTF(id);
      out.writeInt(data.length);
      out.write(data);
      out.flush();
      int status = in.read();
      if (status < 0) {
        throw new EOFException("the guard process exited");
      }
      return status;
    } finally {
      kill.cancel(false);
    }
  }

  private void restart(String why) {
    LOG.warn("Automerge guard process lost: {}; restarting", why);
    replicas.clear();
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    process = null;
  }

  synchronized boolean running() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized void close() {
    closed = true;
    watchdog.shutdownNow();
    if (process != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // exiting anyway
      }
      process.destroy();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    emptyTempDir(true);
  }
}
