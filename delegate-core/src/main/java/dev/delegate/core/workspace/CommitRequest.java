package dev.delegate.core.workspace;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A commit to make: message, author, and trailers such as {@code Delegate-Job: <id>}, which make a
 * job's commit findable so that a re-run never commits twice.
 *
 * @param rewrites files at the top of the repository whose committed text is rewritten from what
 *     the workspace holds (for example TASK.md's status line); applied only when there is something
 *     to commit, and never to a file the commit does not contain
 */
public record CommitRequest(
    String message,
    String authorName,
    String authorEmail,
    Map<String, String> trailers,
    Map<String, UnaryOperator<String>> rewrites) {
  public CommitRequest {
    trailers = Map.copyOf(trailers);
    rewrites = Map.copyOf(rewrites);
    rewrites
        .keySet()
        .forEach(
            path -> {
              if (path.isEmpty() || path.contains("/")) {
                throw new IllegalArgumentException(
                    "a rewritten file lies at the top of the repository, was '" + path + "'");
              }
            });
  }

  public CommitRequest(
      String message, String authorName, String authorEmail, Map<String, String> trailers) {
    this(message, authorName, authorEmail, trailers, Map.of());
  }
}
