package dev.delegate.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds what an approval request would touch outside the job's workspace: the file it reads or
 * writes, or, for shell commands, an argument that names a path outside it (absolute, {@code ~}, or
 * climbing out with {@code ..}). Symbolic links are followed as far as the path exists. The
 * system's program and library folders ({@link #SYSTEM_PREFIXES}) may be named by commands, so that
 * {@code /usr/bin/env node} or {@code 2>/dev/null} pass.
 *
 * <p>A guard against an agent wandering off, not a sandbox: a command can still reach outside in
 * ways no argument shows (a script, a variable, a {@code cd} through a variable).
 */
public final class WorkspaceGuard {
  public static final List<String> SYSTEM_PREFIXES =
      List.of(
          "/usr/",
          "/bin/",
          "/sbin/",
          "/lib/",
          "/lib64/",
          "/opt/",
          "/dev/null",
          "/dev/stdin",
          "/dev/stdout",
          "/dev/stderr",
          "/dev/tty");

  /** Named as the path of a write whose prompt showed none. */
  public static final String UNSEEN_PATH = "a path the agent's prompt did not show";

  private WorkspaceGuard() {}

  /** The first path the request names outside its workspace; empty when none or no workspace. */
  public static Optional<String> outside(ApprovalRequest request) {
    if (request.workspace().isEmpty()) {
      return Optional.empty();
    }
    Path workspace = real(request.workspace().get().toAbsolutePath().normalize());
    if (request.path().isPresent() && !inside(workspace, request.path().get())) {
      return request.path();
    }
    if (request.kind() == ToolKind.WRITE && request.path().isEmpty()) {
      return Optional.of(UNSEEN_PATH); // a write the guard cannot judge is not let through
    }
    if (request.kind() == ToolKind.SHELL && request.command().isPresent()) {
      for (String word : words(request.command().get())) {
        if (looksLikePath(word) && !isSystem(word) && !inside(workspace, word)) {
          return Optional.of(word);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean inside(Path workspace, String pathText) {
    String text = pathText.strip();
    if (text.startsWith("~")) {
      return false;
    }
    try {
      Path resolved = real(workspace.resolve(text).normalize());
      return resolved.startsWith(workspace);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** The real path of the longest existing prefix, with the rest appended. */
  private static Path real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      return path;
    }
  }

  private static boolean looksLikePath(String word) {
    return word.startsWith("/")
        || word.startsWith("~")
        || word.equals("..")
        || word.startsWith("../")
        || word.contains("/../")
        || word.endsWith("/..");
  }

  private static boolean isSystem(String word) {
    for (String prefix : SYSTEM_PREFIXES) {
      if (word.equals(prefix) || word.startsWith(prefix) || (word + "/").equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Splits a shell command into words: blanks, operators, quotes and {@code name=value}. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c) || ";&|<>()`'\"=,".indexOf(c) >= 0) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }
}
