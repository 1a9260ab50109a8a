package dev.delegate.testkit.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * One answer of the scripted model: what it says or which tool it calls in one response. The {@link
 * ModelServer} turns a step into the wire format of the API the CLI speaks.
 */
public sealed interface Step {

  /** Plain text; the model's turn ends ({@code end_turn}). A question ends in {@code ?}. */
  record Text(String text) implements Step {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Creates a file: Claude Code's {@code Write} tool; for Codex its {@code apply_patch} tool when
   * declared, otherwise a shell command. A relative path is resolved against the working directory
   * the CLI states in its request.
   */
  record WriteFile(String path, String content) implements Step {
    public WriteFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * Runs a shell command: Claude Code's {@code Bash} tool; Codex's shell tool ({@code exec_command}
   * in 0.169) asking to run outside its sandbox ({@code sandbox_permissions: require_escalated}),
   * so Codex asks for approval instead of running it silently in the sandbox.
   */
  record Shell(String command) implements Step {
    public Shell {
      Objects.requireNonNull(command, "command");
    }
  }

  /** A step chosen from the conversation so far, e.g. a file named after the user's answer. */
  record Dynamic(Function<Conversation, Step> choose) implements Step {
    public Dynamic {
      Objects.requireNonNull(choose, "choose");
    }
  }

  static Step text(String text) {
    return new Text(text);
  }

  static Step writeFile(String path, String content) {
    return new WriteFile(path, content);
  }

  static Step shell(String command) {
    return new Shell(command);
  }

  static Step dynamic(Function<Conversation, Step> choose) {
    return new Dynamic(choose);
  }
}
