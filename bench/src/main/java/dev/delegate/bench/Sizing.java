package dev.delegate.bench;

import java.util.Locale;

/** What the sizing benchmark measured for one agent, and the sizing it implies. */
record Sizing(
    SizingAgent agent,
    int sessions,
    int turns,
    int correct,
    int restarts,
    double startupSeconds,
    double turnSeconds,
    SessionMemory idle,
    SessionMemory after,
    Cpu cpu,
    Cpu idleCpuPerSecond,
    ProcessMemory jvmBefore,
    ProcessMemory jvmAfter) {

  double agentMsPerTurn() {
    return cpu.agentsMs() / turns;
  }

  double delegateMsPerTurn() {
    return cpu.delegateMs() / turns;
  }

  /** CPU ms an idle session's process tree spends per second. */
  double idleAgentMsPerSecond() {
    return idleCpuPerSecond.agentsMs() / sessions;
  }

  /** Sessions in a GiB, by PSS after the turns (by RSS when PSS could not be read). */
  double sessionsPerGiB() {
    double mib = Double.isNaN(after.pssMiB()) ? after.rssMiB() : after.pssMiB();
    return 1024 / mib;
  }

  /** Turns one core can carry in a second: agent and Delegate CPU together. */
  double turnsPerCoreSecond() {
    return 1000 / (agentMsPerTurn() + delegateMsPerTurn());
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        """
        %s: %d sessions ready in %.1f s (%.1f processes each); %d turns in %.1f s, %d of them \
        wrote their file; %d restarts
          per session idle:  RSS %.1f MiB, PSS %.1f MiB
          per session after: RSS %.1f MiB, PSS %.1f MiB
          CPU per turn: agent %.1f ms, Delegate (this JVM) %.1f ms; the scripted model %.1f ms
          CPU when idle again: %.2f ms per second per session, Delegate %.2f ms per second
          Delegate JVM: RSS %.0f / PSS %.0f MiB before the pool, %.0f / %.0f MiB with it after \
        the turns
          sizing: %.1f sessions per GiB (PSS after), %.2f turns per core-second""",
        agent.title,
        sessions,
        startupSeconds,
        idle.processesPerSession(),
        turns,
        turnSeconds,
        correct,
        restarts,
        idle.rssMiB(),
        idle.pssMiB(),
        after.rssMiB(),
        after.pssMiB(),
        agentMsPerTurn(),
        delegateMsPerTurn(),
        cpu.modelMs() / turns,
        idleAgentMsPerSecond(),
        idleCpuPerSecond.delegateMs(),
        jvmBefore.rssKb() / 1024.0,
        jvmBefore.pssKb() / 1024.0,
        jvmAfter.rssKb() / 1024.0,
        jvmAfter.pssKb() / 1024.0,
        sessionsPerGiB(),
        turnsPerCoreSecond());
  }

  static String tableHeader() {
    return "| agent | RSS idle / after (MiB per session) | PSS idle / after | CPU per turn agent /"
        + " Delegate (ms) | idle CPU per session (ms/s) | sessions per GiB | turns per core-second | files written, restarts |\n"
        + "|---|---|---|---|---|---|---|---|";
  }

  String tableRow() {
    return String.format(
        Locale.ROOT,
        "| %s | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.2f | %.1f | %.2f | %d of %d, %d |",
        agent.title,
        idle.rssMiB(),
        after.rssMiB(),
        idle.pssMiB(),
        after.pssMiB(),
        agentMsPerTurn(),
        delegateMsPerTurn(),
        idleAgentMsPerSecond(),
        sessionsPerGiB(),
        turnsPerCoreSecond(),
        correct,
        turns,
        restarts);
  }
}
