package dev.delegate.bench;

/**
 * CPU time so far, in ms: the agent sessions' process trees (with the children they waited for),
 * this JVM (the pool: Delegate), and the model server's JVM, which stands in for a model.
 */
record Cpu(double agentsMs, double delegateMs, double modelMs) {
  static Cpu now(long modelPid) {
    double agents =
        SessionMemory.sessions(modelPid)
            .flatMap(ProcessHandle::descendants)
            .mapToDouble(p -> CpuTime.of(p.pid()))
            .sum();
    agents += SessionMemory.sessions(modelPid).mapToDouble(p -> CpuTime.of(p.pid())).sum();
    double jvm = CpuTime.now(java.util.List.of()).jvmMs();
    return new Cpu(agents, jvm, CpuTime.of(modelPid));
  }

  Cpu minus(Cpu earlier) {
    return new Cpu(
        agentsMs - earlier.agentsMs, delegateMs - earlier.delegateMs, modelMs - earlier.modelMs);
  }
}
