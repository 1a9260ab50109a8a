package dev.delegate.git;

import dev.delegate.core.PermanentException;

/**
 * Branch names checked against git's ref-format rules, the ones {@code git check-ref-format
 * --branch} applies, plus a length limit. A name that passes is safe to hand to git as an argument
 * and to put after {@code refs/heads/}; names are never put into a shell string anyway.
 */
public final class BranchName {
  public static final int MAX_LENGTH = 200;
  private static final String FORBIDDEN = " ~^:?*[\\";

  private BranchName() {}

  /** Returns {@code name} unchanged when it is a valid branch name, otherwise throws. */
  public static String validate(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new PermanentException(
          "invalid branch name '" + printable(name) + "': " + problem + " (git ref-format rules)");
    }
    return name;
  }

  /** {@code true} when {@link #validate} would accept {@code name}. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "it is longer than " + MAX_LENGTH + " characters";
    }
    if (name.startsWith("-")) {
      return "it starts with '-', so git would read it as an option";
    }
    if (name.equals("@") || name.equals("HEAD")) {
      return "'" + name + "' is reserved by git";
    }
    if (name.startsWith("refs/")) {
      return "give the short name without 'refs/' (it is placed under refs/heads/)";
    }
    if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
      return "it starts or ends with '/' or holds '//'";
    }
    if (name.contains("..")) {
      return "it holds '..'";
    }
    if (name.contains("@{")) {
      return "it holds '@{'";
    }
    if (name.endsWith(".")) {
      return "it ends with '.'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "it holds a control character";
      }
      if (FORBIDDEN.indexOf(c) >= 0) {
        return "it holds '" + c + "' (space ~ ^ : ? * [ \\ are not allowed)";
      }
    }
    for (String component : name.split("/")) {
      if (component.startsWith(".")) {
        return "a part between slashes starts with '.'";
      }
      if (component.endsWith(".lock")) {
        return "a part between slashes ends with '.lock'";
      }
    }
    return null;
  }

  private static String printable(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .limit(MAX_LENGTH + 20L)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
