package dev.delegate.core.agent;

import java.util.Optional;

/**
 * An approval prompt the agent showed, with what could be read of the action it asks for.
 *
 * @param tool the tool name, e.g. {@code fs_write} or {@code execute_bash}, when shown
 * @param command the shell command or path the action concerns, when shown
 * @param promptText the prompt line as the agent printed it
 */
public record ApprovalRequest(Optional<String> tool, Optional<String> command, String promptText) {}
