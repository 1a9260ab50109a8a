package dev.delegate.bench;

/**
 * CPU time so far, in ms: the agent sessions' process trees (with the children they waited for),
 * this JVM (the pool: Delegate), and the model server's JVM, which stands in for a model. A session
 * the pool killed and restarted is no longer a child but has been waited for by this JVM, so the
 * CPU of this JVM's waited-for children counts as the agents' too (the model server is still
 * running, and nothing else here starts processes).
 */
record Cpu(double agentsMs, double delegateMs, double modelMs) {
  static Cpu now(long modelPid) {
    double agents =
        SessionMemory.sessions(modelPid)
            .flatMap(ProcessHandle::descendants)
            .mapToDouble(p -> CpuTime.of(p.pid()))
            .sum();
    agents += SessionMemory.sessions(modelPid).mapToDouble(p -> CpuTime.of(p.pid())).sum();
    CpuTime jvm = CpuTime.now(java.util.List.of());
    return new Cpu(agents + jvm.childrenMs(), jvm.jvmMs(), CpuTime.of(modelPid));
  }

  /** Per second of {@code window}. */
  Cpu per(java.time.Duration window) {
    double seconds = window.toMillis() / 1000.0;
    return new Cpu(agentsMs / seconds, delegateMs / seconds, modelMs / seconds);
  }

  Cpu minus(Cpu earlier) {
    return new Cpu(
        agentsMs - earlier.agentsMs, delegateMs - earlier.delegateMs, modelMs - earlier.modelMs);
  }
}
