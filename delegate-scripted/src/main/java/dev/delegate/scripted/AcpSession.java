package dev.delegate.scripted;

import java.io.File;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One ACP session ({@code session/new}): its own working directory, conversation, turn count,
 * trusted tools and usage. Touched by one turn at a time; the reader only starts and cancels.
 */
final class AcpSession {
  static final String FAST_MODEL = "scripted-fast";
  static final String SMART_MODEL = "scripted-smart";
  static final long CONTEXT_SIZE = 200_000;

  final String id;
  final File cwd;
  final Set<String> trusted = new HashSet<>();
  String model = FAST_MODEL;
  int turns;
  int toolCalls;

  /** Context tokens so far (every prompt's input and output). */
  long contextTokens;

  BigDecimal costUsd = BigDecimal.ZERO;

  /** A scenario stopped at an {@code ask}: the next prompt is the answer. */
  Paused paused;

  private TurnControl running;

  AcpSession(String id, File cwd) {
    this.id = id;
    this.cwd = cwd;
  }

  /** The scenario position and variables an {@code ask} left behind. */
  static final class Paused {
    final Scenario scenario;
    final int next;
    final Map<String, String> vars;

    Paused(Scenario scenario, int next, Map<String, String> vars) {
      this.scenario = scenario;
      this.next = next;
      this.vars = vars;
    }
  }

  File resolve(String path) {
    File file = new File(path);
    return (file.isAbsolute() ? file : new File(cwd, path)).toPath().normalize().toFile();
  }

  /** {@code /clear}: a fresh conversation, no trusted tools. */
  void clear() {
    turns = 0;
    trusted.clear();
    paused = null;
  }

  /** A new turn's control, or null when a turn is already running. */
  synchronized TurnControl start() {
    if (running != null) {
      return null;
    }
    running = new TurnControl();
    return running;
  }

  synchronized void finished() {
    running = null;
  }

  synchronized TurnControl running() {
    return running;
  }

  static boolean knownModel(String model) {
    return FAST_MODEL.equals(model) || SMART_MODEL.equals(model);
  }
}
