package dev.kizuna.bench.hub;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap and CPU figures of this JVM, where both simulated nodes and the load generator run. */
final class JvmStats {

  private JvmStats() {}

  /**
   * Heap in use after full collections: {@code System.gc()} (a full GC with G1 unless disabled)
   * until the figure settles (two readings within 64 KiB, at most five rounds), in bytes.
   */
  static long heapAfterGc() {
    long previous = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 64 * 1024) {
        return used;
      }
      previous = used;
    }
    return previous;
  }

  /** The machine's 1-minute load average ({@code /proc/loadavg}, Linux), or "?" elsewhere. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** CPU time this process has used, user + system, in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
