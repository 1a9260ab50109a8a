package dev.delegate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real agent CLIs that tests drive are installed: {@code bin/lib/install-agents.sh} puts
 * pinned versions under {@code .delegate/tools/npm/bin} in the checkout. Found through the system
 * property {@code delegate.agents.bin} (set by the build), the environment variable {@code
 * DELEGATE_AGENTS_BIN}, or by looking upwards from the working directory. A missing CLI is an
 * error, never a skipped test.
 */
public final class AgentClis {
  static final String PROPERTY = "delegate.agents.bin";
  static final String ENV = "DELEGATE_AGENTS_BIN";
  static final Path RELATIVE = Path.of(".delegate", "tools", "npm", "bin");

  private AgentClis() {}

  /** The {@code claude} executable (Claude Code). */
  public static Path claude() {
    return find("claude", "Claude Code");
  }

  /** The {@code codex} executable (Codex CLI). */
  public static Path codex() {
    return find("codex", "Codex CLI");
  }

  /** Zed's ACP adapter for Claude Code ({@code claude-code-acp}). */
  public static Path claudeAcp() {
    return find("claude-code-acp", "Claude Code's ACP adapter (@zed-industries/claude-code-acp)");
  }

  /** Zed's ACP adapter for Codex ({@code codex-acp}). */
  public static Path codexAcp() {
    return find("codex-acp", "Codex's ACP adapter (@zed-industries/codex-acp)");
  }

  /** The {@code gemini} executable (Gemini CLI). */
  public static Path gemini() {
    return find("gemini", "Gemini CLI");
  }

  static Path find(String executable, String what) {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    Path candidate = null;
    if (configured != null && !configured.isBlank()) {
      candidate = Path.of(configured).resolve(executable);
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path bin = dir.resolve(RELATIVE).resolve(executable);
        if (Files.exists(bin)) {
          candidate = bin;
          break;
        }
      }
    }
    if (candidate == null || !Files.isExecutable(candidate)) {
      throw new IllegalStateException(
          what
              + " is not installed"
              + (candidate == null ? "" : " at " + candidate)
              + ". Run bin/lib/install-agents.sh (bin/test does) to install the pinned version"
              + " into .delegate/tools/npm, or point -D"
              + PROPERTY
              + " / "
              + ENV
              + " at a folder holding '"
              + executable
              + "'.");
    }
    return candidate;
  }
}
