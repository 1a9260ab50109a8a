package dev.delegate.bench;

import java.util.stream.Stream;

/**
 * The memory of this JVM's agent sessions: each child process of this JVM (but the model server) is
 * one session, counted with every process below it.
 */
record SessionMemory(int sessions, ProcessMemory total) {
  private static final double MIB = 1024;

  /** The sessions' process trees now. */
  static SessionMemory now(long modelPid) {
    int count = 0;
    ProcessMemory total = ProcessMemory.NONE;
    for (ProcessHandle session : sessions(modelPid).toList()) {
      count++;
      total = total.plus(ProcessMemory.of(ProcessMemory.tree(session)));
    }
    return new SessionMemory(count, total);
  }

  /** The child processes of this JVM that are sessions: all but the model server. */
  static Stream<ProcessHandle> sessions(long modelPid) {
    return ProcessHandle.current().children().filter(p -> p.pid() != modelPid);
  }

  double rssMiB() {
    return total.rssKb() / MIB / Math.max(1, sessions);
  }

  /** NaN when PSS could not be read. */
  double pssMiB() {
    return total.pssKb() < 0 ? Double.NaN : total.pssKb() / MIB / Math.max(1, sessions);
  }

  double processesPerSession() {
    return total.processes() / (double) Math.max(1, sessions);
  }
}
