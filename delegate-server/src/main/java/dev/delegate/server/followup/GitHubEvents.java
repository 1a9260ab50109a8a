package dev.delegate.server.followup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.PermanentException;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.git.github.GitHubReviews;
import dev.delegate.server.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified GitHub delivery asks of Delegate: the remarks it carries for a pull request
 * Delegate opened (one it has a job for), or why it is ignored. A comment counts only from someone
 * with write access and never from Delegate itself; a failed check only on the pull request's
 * branch.
 */
final class GitHubEvents {
  private static final Set<String> FAILED = Set.of("failure", "timed_out");

  private final JobStore jobs;
  private final Forge forge;
  private final GitHubReviews github;
  private final int logLines;
  private final Clock clock;

  GitHubEvents(JobStore jobs, Forge forge, GitHubReviews github, int logLines, Clock clock) {
    this.jobs = jobs;
    this.forge = forge;
    this.github = github;
    this.logLines = logLines;
    this.clock = clock;
  }

  /** The remarks of a delivery, or none and why. */
  record Remarks(List<FollowUpComment> comments, Optional<String> ignored) {
    static Remarks of(List<FollowUpComment> comments) {
      return new Remarks(comments, Optional.empty());
    }

    static Remarks ignored(String why) {
      return new Remarks(List.of(), Optional.of(why));
    }
  }

  Remarks remarks(String event, JsonNode payload) {
    String action = payload.path("action").asText("");
    return switch (event) {
      case "pull_request_review" ->
          action.equals("submitted") ? review(payload) : Remarks.ignored("review " + action);
      case "pull_request_review_comment" ->
          action.equals("created") ? reviewComment(payload) : Remarks.ignored("comment " + action);
      case "issue_comment" ->
          action.equals("created") ? issueComment(payload) : Remarks.ignored("comment " + action);
      case "check_suite" ->
          action.equals("completed")
              ? failedCheck(payload, payload.path("check_suite"), "check-suite")
              : Remarks.ignored("check suite " + action);
      case "workflow_run" ->
          action.equals("completed")
              ? failedCheck(payload, payload.path("workflow_run"), "workflow-run")
              : Remarks.ignored("workflow run " + action);
      default -> Remarks.ignored("event '" + event + "' is not used");
    };
  }

  private Remarks review(JsonNode payload) {
    RepoRef repo = repo(payload);
    int number = payload.path("pull_request").path("number").asInt();
    JsonNode review = payload.path("review");
    Optional<String> refused = refuse(repo, number, review.path("user").path("login").asText(""));
    if (refused.isPresent()) {
      return Remarks.ignored(refused.get());
    }
    Instant now = clock.instant();
    List<FollowUpComment> comments = new ArrayList<>();
    String body = review.path("body").asText("");
    if (!body.isBlank()) {
      comments.add(
          FollowUpComment.comment(
              "github:review:" + review.path("id").asText(),
              repo,
              number,
              review.path("user").path("login").asText(""),
              body,
              now));
    }
    comments.addAll(github.reviewComments(repo, number, review.path("id").asLong(), now));
    return comments.isEmpty() ? Remarks.ignored("the review says nothing") : Remarks.of(comments);
  }

  private Remarks reviewComment(JsonNode payload) {
    RepoRef repo = repo(payload);
    int number = payload.path("pull_request").path("number").asInt();
    JsonNode comment = payload.path("comment");
    Optional<String> refused = refuse(repo, number, comment.path("user").path("login").asText(""));
    return refused
        .map(Remarks::ignored)
        .orElseGet(
            () ->
                Remarks.of(
                    List.of(GitHubReviews.reviewComment(repo, number, comment, clock.instant()))));
  }

  private Remarks issueComment(JsonNode payload) {
    JsonNode issue = payload.path("issue");
    if (issue.path("pull_request").isMissingNode()) {
      return Remarks.ignored("a comment on an issue, not a pull request");
    }
    RepoRef repo = repo(payload);
    int number = issue.path("number").asInt();
    JsonNode comment = payload.path("comment");
    String author = comment.path("user").path("login").asText("");
    Optional<String> refused =
        refuse(repo, number, author).or(() -> ownComment(comment.path("body").asText("")));
    return refused
        .map(Remarks::ignored)
        .orElseGet(
            () ->
                Remarks.of(
                    List.of(
                        FollowUpComment.comment(
                            "github:issue-comment:" + comment.path("id").asText(),
                            repo,
                            number,
                            author,
                            comment.path("body").asText(""),
                            clock.instant()))));
  }

  private Remarks failedCheck(JsonNode payload, JsonNode run, String kind) {
    String conclusion = run.path("conclusion").asText("");
    if (!FAILED.contains(conclusion)) {
      return Remarks.ignored(
          kind + " concluded " + (conclusion.isEmpty() ? "nothing" : conclusion));
    }
    RepoRef repo = repo(payload);
    String branch = run.path("head_branch").asText("");
    Optional<Job> job = delegateJob(repo, run.path("pull_requests"), branch);
    if (job.isEmpty()) {
      return Remarks.ignored("not the branch of a pull request Delegate opened");
    }
    long id = run.path("id").asLong();
    String log =
        kind.equals("workflow-run")
            ? github.workflowRunLog(repo, id, logLines)
            : github.checkSuiteLog(repo, id, logLines);
    String name = run.path("name").asText(run.path("app").path("name").asText(kind));
    String attempt = run.path("run_attempt").asText(run.path("updated_at").asText(""));
    return Remarks.of(
        List.of(
            new FollowUpComment(
                "github:" + kind + ":" + id + ":" + attempt,
                repo,
                job.get().prNumber(),
                FollowUpComment.Kind.FAILED_CHECK,
                name,
                log.isBlank() ? name + " failed; GitHub gave no log" : log,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                clock.instant())));
  }

  /** Delegate's job on the pull request the check ran for: by number, else by branch. */
  private Optional<Job> delegateJob(RepoRef repo, JsonNode pullRequests, String branch) {
    for (JsonNode pr : pullRequests) {
      Optional<Job> job = jobs.findByPullRequest(repo, pr.path("number").asInt());
      if (job.isPresent() && job.get().branch().equals(branch)) {
        return job;
      }
    }
    if (branch.isEmpty()) {
      return Optional.empty();
    }
    return forge
        .openPullRequest(repo, branch)
        .map(PullRequest::number)
        .flatMap(n -> jobs.findByPullRequest(repo, n))
        .filter(job -> job.branch().equals(branch));
  }

  /** Why a comment by {@code author} on {@code repo#number} does not count, if it does not. */
  private Optional<String> refuse(RepoRef repo, int number, String author) {
    if (number < 1 || jobs.findByPullRequest(repo, number).isEmpty()) {
      return Optional.of("not a pull request Delegate opened");
    }
    if (author.isBlank() || github.login().filter(author::equalsIgnoreCase).isPresent()) {
      return Optional.of("a comment by Delegate itself");
    }
    if (!github.canWrite(repo, author)) {
      return Optional.of(author + " has no write access to " + repo);
    }
    return Optional.empty();
  }

  /**
   * Delegate's own comments start with "Delegate: " (its job reports); one posted with a token
   * whose login GitHub does not tell (an app's) is still recognised.
   */
  private static Optional<String> ownComment(String body) {
    return body.startsWith("Delegate: ")
        ? Optional.of("a comment by Delegate itself")
        : Optional.empty();
  }

  static RepoRef repo(JsonNode payload) {
    JsonNode repository = payload.path("repository");
    try {
      return new RepoRef(
          repository.path("owner").path("login").asText(""), repository.path("name").asText(""));
    } catch (PermanentException e) {
      throw ApiException.badRequest(
          "bad_payload", "the delivery names no valid repository: " + e.getMessage());
    }
  }
}
