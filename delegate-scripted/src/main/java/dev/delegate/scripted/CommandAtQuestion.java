package dev.delegate.scripted;

/**
 * A slash command typed where the agent waited for the answer to its question: like Kiro, the agent
 * treats it as a command, and the scenario in progress is abandoned.
 */
final class CommandAtQuestion extends RuntimeException {
  final String command;

  CommandAtQuestion(String command) {
    super(command, null, false, false);
    this.command = command;
  }
}
