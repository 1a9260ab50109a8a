package dev.delegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from Linux's {@code /proc}: this JVM's own (and how much of it the kernel spent on its
 * behalf), its live agent processes', and that of the child processes it has waited for (git,
 * mostly), in milliseconds.
 */
record CpuTime(double jvmMs, double jvmSystemMs, double agentsMs, double childrenMs) {
  private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

  static CpuTime now(List<Long> agentPids) {
    long[] self = fields("self");
    double agents = 0;
    for (long pid : agentPids) {
      long[] agent = fields(String.valueOf(pid));
      agents += (agent[0] + agent[1]) * TICK_MS;
    }
    return new CpuTime(
        (self[0] + self[1]) * TICK_MS, self[1] * TICK_MS, agents, (self[2] + self[3]) * TICK_MS);
  }

  /** All CPU time of process {@code pid} and of its children it waited for, in ms; 0 when gone. */
  static double of(long pid) {
    long[] f = fields(String.valueOf(pid));
    return (f[0] + f[1] + f[2] + f[3]) * TICK_MS;
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(
        jvmMs - earlier.jvmMs,
        jvmSystemMs - earlier.jvmSystemMs,
        agentsMs - earlier.agentsMs,
        childrenMs - earlier.childrenMs);
  }

  /** utime, stime, cutime, cstime of {@code /proc/<pid>/stat}; zeros when it is gone. */
  private static long[] fields(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])
      };
    } catch (IOException | RuntimeException e) {
      return new long[4];
    }
  }
}
