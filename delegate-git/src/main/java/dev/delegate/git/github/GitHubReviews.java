package dev.delegate.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.forge.RepoRef;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What GitHub's incoming webhooks need from its REST API: whether a commenter may start work (write
 * access, cached for {@link #PERMISSION_TTL}), Delegate's own login (its comments are not remarks),
 * a review's comments, and the end of a failed check's log.
 */
public final class GitHubReviews {
  /** How long a commenter's permission is trusted before it is asked again. */
  public static final Duration PERMISSION_TTL = Duration.ofMinutes(5);

  private static final Set<String> WRITERS = Set.of("admin", "maintain", "write");
  private static final int MAX_FAILED_JOBS = 3;

  private final GitHubApi api;
  private final Clock clock;
  private final Map<String, Cached> permissions = new ConcurrentHashMap<>();
  private volatile Optional<String> login = Optional.empty();

  private record Cached(boolean canWrite, Instant until) {}

  /** Against {@code config}'s API; {@code token} may be blank (public repositories only). */
  public GitHubReviews(GitHubConfig config, String token, Clock clock) {
    this(config, token, GitHubForge.defaultClient(config), clock);
  }

  public GitHubReviews(GitHubConfig config, String token, HttpClient http, Clock clock) {
    this.api =
        new GitHubApi(config, token == null ? "" : token.strip(), http, clock, Sleeper.SYSTEM);
    this.clock = clock;
  }

  /** Whether {@code user} has admin, maintain or write permission on {@code repo}. */
  public boolean canWrite(RepoRef repo, String user) {
    String key = repo.fullName() + "\n" + user.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Cached cached = permissions.get(key);
    if (cached != null && cached.until().isAfter(now)) {
      return cached.canWrite();
    }
    GitHubApi.Response response =
        api.get(
            GitHubPaths.repo(repo)
                + "/collaborators/"
                + GitHubPaths.segments(user)
                + "/permission");
    boolean canWrite =
        response.status() == 200
            && (WRITERS.contains(response.body().path("permission").asText(""))
                || WRITERS.contains(response.body().path("role_name").asText("")));
    if (response.status() != 200 && response.status() != 404 && response.status() != 403) {
      api.expect(response, "reading " + user + "'s permission on " + repo, 200);
    }
    permissions.put(key, new Cached(canWrite, now.plus(PERMISSION_TTL)));
    return canWrite;
  }

  /** The login the token acts as, once GitHub told it; empty without a token. */
  public Optional<String> login() {
    if (login.isEmpty()) {
      GitHubApi.Response response = api.get("/user");
      if (response.status() == 200) {
        login = Optional.of(response.body().path("login").asText("")).filter(l -> !l.isBlank());
      }
    }
    return login;
  }

  /** The comments of review {@code reviewId} of pull request {@code number}, oldest first. */
  public List<FollowUpComment> reviewComments(RepoRef repo, int number, long reviewId, Instant at) {
    String path =
        GitHubPaths.repo(repo)
            + "/pulls/"
            + number
            + "/reviews/"
            + reviewId
            + "/comments?per_page=100";
    JsonNode list =
        api.expect(api.get(path), "reading review " + reviewId + " of " + repo + "#" + number, 200)
            .body();
    List<FollowUpComment> comments = new ArrayList<>();
    list.forEach(c -> comments.add(reviewComment(repo, number, c, at)));
    return comments;
  }

  /** A review comment as GitHub's API and webhooks give it. */
  public static FollowUpComment reviewComment(RepoRef repo, int number, JsonNode c, Instant at) {
    JsonNode line = c.path("line").isNumber() ? c.path("line") : c.path("original_line");
    return new FollowUpComment(
        "github:review-comment:" + c.path("id").asText(),
        repo,
        number,
        FollowUpComment.Kind.COMMENT,
        c.path("user").path("login").asText(""),
        c.path("body").asText(""),
        Optional.of(c.path("path").asText("")),
        line.isNumber() ? Optional.of(line.asInt()) : Optional.empty(),
        Optional.of(c.path("diff_hunk").asText("")),
        at);
  }

  /**
   * The last {@code lines} lines of the log of each failed job of workflow run {@code runId} (at
   * most three jobs), each under its name; empty when none failed.
   */
  public String workflowRunLog(RepoRef repo, long runId, int lines) {
    JsonNode jobs =
        api.expect(
                api.get(GitHubPaths.repo(repo) + "/actions/runs/" + runId + "/jobs?filter=latest"),
                "reading the jobs of workflow run " + runId + " of " + repo,
                200)
            .body()
            .path("jobs");
    List<String> parts = new ArrayList<>();
    for (JsonNode job : jobs) {
      if (failed(job) && parts.size() < MAX_FAILED_JOBS) {
        parts.add(excerpt(repo, job, lines));
      }
    }
    return String.join("\n\n", parts);
  }

  /**
   * The same for the failed check runs of check suite {@code suiteId}: a GitHub Actions run's log,
   * else the check's own output (title, summary, text).
   */
  public String checkSuiteLog(RepoRef repo, long suiteId, int lines) {
    JsonNode runs =
        api.expect(
                api.get(GitHubPaths.repo(repo) + "/check-suites/" + suiteId + "/check-runs"),
                "reading the check runs of check suite " + suiteId + " of " + repo,
                200)
            .body()
            .path("check_runs");
    List<String> parts = new ArrayList<>();
    for (JsonNode run : runs) {
      if (failed(run) && parts.size() < MAX_FAILED_JOBS) {
        parts.add(excerpt(repo, run, lines));
      }
    }
    return String.join("\n\n", parts);
  }

  private static boolean failed(JsonNode run) {
    String conclusion = run.path("conclusion").asText("");
    return conclusion.equals("failure") || conclusion.equals("timed_out");
  }

  /** "== name ==" and the log's last lines, else the check's output. */
  private String excerpt(RepoRef repo, JsonNode run, int lines) {
    String name = run.path("name").asText("check");
    Optional<String> log =
        api.text(GitHubPaths.repo(repo) + "/actions/jobs/" + run.path("id").asText() + "/logs");
    String text =
        log.map(l -> lastLines(l, lines))
            .orElseGet(
                () ->
                    String.join(
                            "\n",
                            run.path("output").path("title").asText(""),
                            run.path("output").path("summary").asText(""),
                            run.path("output").path("text").asText(""))
                        .strip());
    return "== " + name + " ==\n" + text;
  }

  /** The last {@code n} lines of {@code text}. */
  public static String lastLines(String text, int n) {
    List<String> all = text.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }
}
