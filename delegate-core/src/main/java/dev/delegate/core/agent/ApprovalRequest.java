package dev.delegate.core.agent;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval prompt the agent showed, with what could be read of the action it asks for.
 *
 * @param tool the tool name, e.g. {@code fs_write} or {@code execute_bash}, when shown
 * @param command the shell command or path the action concerns, when shown
 * @param promptText the prompt line as the agent printed it
 * @param kind what the action does: from the profile, else guessed from the tool name
 * @param path the file the action reads or writes, when shown
 * @param workspace the directory the job runs in, when known; paths are judged against it
 */
public record ApprovalRequest(
    Optional<String> tool,
    Optional<String> command,
    String promptText,
    ToolKind kind,
    Optional<String> path,
    Optional<Path> workspace) {

  public ApprovalRequest {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(promptText, "promptText");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(workspace, "workspace");
    kind = kind == null ? ToolKind.guess(tool.orElse(null)) : kind;
  }

  /** A request whose kind is guessed from the tool name, with no path and no workspace. */
  public ApprovalRequest(Optional<String> tool, Optional<String> command, String promptText) {
    this(tool, command, promptText, null, Optional.empty(), Optional.empty());
  }
}
