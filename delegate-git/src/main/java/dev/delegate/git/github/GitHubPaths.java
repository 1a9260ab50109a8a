package dev.delegate.git.github;

import dev.delegate.core.forge.RepoRef;
import java.nio.charset.StandardCharsets;

/** Builds API paths, percent-encoding each segment of branch names and file paths. */
final class GitHubPaths {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private GitHubPaths() {}

  static String repo(RepoRef repo) {
    return "/repos/" + repo.owner() + "/" + repo.name();
  }

  /** {@code a/b c} → {@code a/b%20c}: slashes stay (GitHub takes multi-segment refs and paths). */
  static String segments(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c == '/' || (c < 0x80 && UNRESERVED.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** A query parameter value: everything but unreserved characters encoded. */
  static String query(String value) {
    return segments(value).replace("/", "%2F");
  }
}
