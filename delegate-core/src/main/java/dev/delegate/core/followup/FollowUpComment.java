package dev.delegate.core.followup;

import dev.delegate.core.forge.RepoRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remark on a pull request Delegate opened that goes back to its agent: a reviewer's comment or a
 * failed check with its log excerpt. Kept durably until a follow-up job carries it.
 *
 * @param key unique per remark, so a redelivered webhook adds nothing ({@code
 *     github:review-comment:123}, {@code local:<uuid>})
 * @param author who wrote it (for a failed check: the check's name)
 * @param path the file a review comment is on, if any
 * @param line its line in that file, if given
 * @param diffHunk the diff around that line, as the forge gives it
 */
public record FollowUpComment(
    String key,
    RepoRef repo,
    int prNumber,
    Kind kind,
    String author,
    String body,
    Optional<String> path,
    Optional<Integer> line,
    Optional<String> diffHunk,
    Instant receivedAt) {

  /** The longest body kept, in characters; a longer one is cut (its end is kept for logs). */
  public static final int MAX_BODY = 20_000;

  /** What the remark is. */
  public enum Kind {
    COMMENT,
    FAILED_CHECK
  }

  public FollowUpComment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(receivedAt, "receivedAt");
    author = author == null ? "" : author;
    body = cut(body == null ? "" : body, kind);
    path = path == null ? Optional.empty() : path.filter(p -> !p.isBlank());
    line = line == null ? Optional.empty() : line.filter(l -> l > 0);
    diffHunk = diffHunk == null ? Optional.empty() : diffHunk.filter(d -> !d.isBlank());
  }

  /** A comment without a place in the diff. */
  public static FollowUpComment comment(
      String key, RepoRef repo, int prNumber, String author, String body, Instant at) {
    return new FollowUpComment(
        key,
        repo,
        prNumber,
        Kind.COMMENT,
        author,
        body,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at);
  }

  private static String cut(String body, Kind kind) {
    if (body.length() <= MAX_BODY) {
      return body;
    }
    return kind == Kind.FAILED_CHECK
        ? body.substring(body.length() - MAX_BODY)
        : body.substring(0, MAX_BODY);
  }
}
