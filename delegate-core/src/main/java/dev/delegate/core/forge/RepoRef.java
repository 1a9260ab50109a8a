package dev.delegate.core.forge;

import dev.delegate.core.PermanentException;
import java.util.regex.Pattern;

/**
 * A repository on a forge: owner and name, validated so they can never act as a path, an option or
 * a ref (letters, digits, '.', '_' and '-'; no leading '-' or '.'; no "..").
 */
public record RepoRef(String owner, String name) {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

  public RepoRef {
    owner = check(owner, "owner");
    name = check(name, "repo");
  }

  private static String check(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new PermanentException("'" + field + "' is required");
    }
    if (!PART.matcher(value).matches() || value.contains("..") || value.endsWith(".git")) {
      throw new PermanentException(
          "'"
              + field
              + "' must be 1 to 100 letters, digits, '.', '_' or '-', not start with '-'"
              + " or '.', hold no '..' and not end in .git; was '"
              + value
              + "'");
    }
    return value;
  }

  /** {@code owner/name}. */
  public String fullName() {
    return owner + "/" + name;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
