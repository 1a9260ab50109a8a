package dev.delegate.core.agent;

import java.util.Locale;

/** What kind of action an approval prompt asks for; approval rules can match on it. */
public enum ToolKind {
  /** Reads files. */
  READ,
  /** Creates, edits or deletes files. */
  WRITE,
  /** Runs a shell command. */
  SHELL,
  /** Reaches the network (fetch, search, web requests). */
  NETWORK,
  /** Anything else, or not known. */
  OTHER;

  /** The kind a tool name suggests, e.g. {@code fs_write} or {@code Edit} → WRITE. */
  public static ToolKind guess(String toolName) {
    if (toolName == null) {
      return OTHER;
    }
    String name = toolName.toLowerCase(Locale.ROOT);
    if (name.contains("bash")
        || name.contains("shell")
        || name.contains("exec")
        || name.contains("command")
        || name.equals("run")) {
      return SHELL;
    }
    if (name.contains("fetch")
        || name.contains("web")
        || name.contains("http")
        || name.contains("search")
        || name.contains("url")) {
      return NETWORK;
    }
    if (name.contains("write")
        || name.contains("edit")
        || name.contains("patch")
        || name.contains("create")
        || name.contains("delete")
        || name.contains("str_replace")) {
      return WRITE;
    }
    if (name.contains("read")
        || name.contains("view")
        || name.contains("glob")
        || name.contains("grep")) {
      return READ;
    }
    return OTHER;
  }

  /** Parses {@code write}, {@code SHELL}, …; throws with the allowed names otherwise. */
  public static ToolKind parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown tool kind '" + text + "'; known: read, write, shell, network, other");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
