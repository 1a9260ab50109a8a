package dev.delegate.core.workspace;

import java.util.Map;

/**
 * A commit to make: message, author, and trailers such as {@code Delegate-Job: <id>}, which make a
 * job's commit findable so that a re-run never commits twice.
 */
public record CommitRequest(
    String message, String authorName, String authorEmail, Map<String, String> trailers) {
  public CommitRequest {
    trailers = Map.copyOf(trailers);
  }
}
