package dev.delegate.git.cli;

import dev.delegate.core.PermanentException;
import java.util.Map;

/**
 * Who a commit is by (author and committer), as the environment git reads author and committer
 * from.
 */
public record GitIdentity(String name, String email) {
  public GitIdentity {
    check(name, "author name");
    check(email, "author email");
    if (name.contains("<") || name.contains(">") || email.contains("<") || email.contains(">")) {
      throw new PermanentException("author name and email must not hold '<' or '>'");
    }
  }

  private static void check(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new PermanentException(what + " is required");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PermanentException(what + " must be one line of printable text");
    }
  }

  /** The environment variables git reads author and committer from. */
  public Map<String, String> environment() {
    return Map.of(
        "GIT_AUTHOR_NAME", name,
        "GIT_AUTHOR_EMAIL", email,
        "GIT_COMMITTER_NAME", name,
        "GIT_COMMITTER_EMAIL", email);
  }
}
