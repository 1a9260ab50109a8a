package dev.delegate.server.followup;

import dev.delegate.core.PermanentException;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUps;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import dev.delegate.server.http.QueryParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/prs/{owner}/{repo}/{number}/comments}, body {@code {"body", "path", "line"}}
 * (path and line optional): a comment on a pull request of the local forge. It appears in the pull
 * request's conversation, and when Delegate works on that pull request it goes to the agent in a
 * follow-up job like a GitHub review comment. The local forge has no permissions: anyone who may
 * call the API may comment. {@code 201}; {@code 404} for an unknown pull request; {@code 409} when
 * the forge is GitHub (comment there).
 */
final class LocalComments {
  static final int MAX_BODY = 10_000;
  static final int MAX_PATH = 1_000;

  private final Forge forge;
  private final boolean localForge;
  private final JobStore jobs;
  private final FollowUps followUps;
  private final Clock clock;

  LocalComments(Forge forge, boolean localForge, JobStore jobs, FollowUps followUps, Clock clock) {
    this.forge = forge;
    this.localForge = localForge;
    this.jobs = jobs;
    this.followUps = followUps;
    this.clock = clock;
  }

  void handle(Context ctx) {
    if (!localForge) {
      throw new ApiException(
          409,
          "not_local_forge",
          "this Delegate works on GitHub: comment on the pull request there (its webhook brings the"
              + " comment back)");
    }
    RepoRef repo = repo(ctx);
    int number = QueryParams.prNumber(ctx.pathParam("number"));
    JsonBody json = JsonBody.of(ctx);
    String body = json.requiredText("body").strip();
    if (body.length() > MAX_BODY) {
      throw ApiException.badRequest(
          "invalid_body", "'body' is longer than " + MAX_BODY + " characters");
    }
    Optional<String> path =
        json.optionalText("path", MAX_PATH).map(String::strip).filter(p -> !p.isEmpty());
    Optional<Integer> line = json.optionalLong("line", 1, 10_000_000).map(Long::intValue);
    if (line.isPresent() && path.isEmpty()) {
      throw ApiException.badRequest("missing_path", "'line' needs the 'path' of its file");
    }
    if (forge.pullRequest(repo, number).isEmpty()) {
      throw new ApiException(
          404, "pull_request_not_found", "no pull request #" + number + " in " + repo);
    }
    forge.comment(repo, number, conversationText(body, path, line));
    boolean followUp = jobs.findByPullRequest(repo, number).isPresent();
    if (followUp) {
      followUps.add(
          new FollowUpComment(
              "local:" + UUID.randomUUID(),
              repo,
              number,
              FollowUpComment.Kind.COMMENT,
              "",
              body,
              path,
              line,
              Optional.empty(),
              clock.instant()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "created");
    answer.put("followUp", followUp);
    answer.put("debounceSeconds", followUp ? followUps.settings().debounce().toSeconds() : null);
    ctx.status(201).json(answer);
  }

  /** What the pull request's conversation shows: where the comment is, then what it says. */
  static String conversationText(String body, Optional<String> path, Optional<Integer> line) {
    return path.map(p -> "On " + p + line.map(l -> " line " + l).orElse("") + ":\n\n").orElse("")
        + body;
  }

  private static RepoRef repo(Context ctx) {
    try {
      return new RepoRef(ctx.pathParam("owner"), ctx.pathParam("repo"));
    } catch (PermanentException e) {
      throw new ApiException(404, "pull_request_not_found", e.getMessage());
    }
  }
}
