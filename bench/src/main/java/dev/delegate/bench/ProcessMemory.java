package dev.delegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of processes from Linux's {@code /proc}, in KiB: resident size ({@code VmRSS} of {@code
 * status}), which counts every page a process maps, shared or not, and proportional size ({@code
 * Pss} of {@code smaps_rollup}), which splits each shared page among the processes sharing it, so
 * that summing it over processes does not count a shared library or the JVM's CDS archive twice.
 *
 * @param pssKb -1 when some process's {@code smaps_rollup} could not be read
 */
record ProcessMemory(long rssKb, long pssKb, int processes) {
  static final ProcessMemory NONE = new ProcessMemory(0, 0, 0);

  /** The process and every process below it, now. */
  static List<ProcessHandle> tree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    return all;
  }

  /** The sum over {@code processes}; a process that is gone counts nothing. */
  static ProcessMemory of(List<ProcessHandle> processes) {
    ProcessMemory sum = NONE;
    for (ProcessHandle p : processes) {
      sum = sum.plus(of(p.pid()));
    }
    return sum;
  }

  static ProcessMemory of(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    long rss = field(proc.resolve("status"), "VmRSS:");
    if (rss < 0) {
      return NONE; // gone
    }
    return new ProcessMemory(rss, field(proc.resolve("smaps_rollup"), "Pss:"), 1);
  }

  ProcessMemory plus(ProcessMemory other) {
    long pss = pssKb < 0 || other.pssKb < 0 ? -1 : pssKb + other.pssKb;
    return new ProcessMemory(rssKb + other.rssKb, pss, processes + other.processes);
  }

  /** The first line starting with {@code key}, its number in KiB; -1 when unreadable. */
  private static long field(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not ours to read
    }
    return -1;
  }
}
