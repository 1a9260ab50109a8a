package dev.delegate.git;

import dev.delegate.core.PermanentException;
import java.util.Locale;

/**
 * A file's path inside a repository, as forges take it ({@code docs/TASK.md}): relative, with '/'
 * between parts, and no part that is empty, {@code .}, {@code ..} or {@code .git}.
 */
public final class RepoPath {
  public static final int MAX_LENGTH = 1024;

  private RepoPath() {}

  public static String validate(String path) {
    String problem = problem(path);
    if (problem != null) {
      throw new PermanentException("invalid file path '" + path + "': " + problem);
    }
    return path;
  }

  private static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "it is empty";
    }
    if (path.length() > MAX_LENGTH) {
      return "it is longer than " + MAX_LENGTH + " characters";
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      return "it must be relative to the repository root and name a file";
    }
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
      return "it holds a control character or '\\'";
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return "parts between slashes must not be empty, '.' or '..'";
      }
      if (part.toLowerCase(Locale.ROOT).equals(".git")) {
        return "'.git' is git's own directory";
      }
    }
    return null;
  }
}
