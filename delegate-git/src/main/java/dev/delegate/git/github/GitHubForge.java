package dev.delegate.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.BranchName;
import dev.delegate.git.RepoPath;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Forge} on GitHub's REST API. Git reaches the repositories over HTTPS with the token in an
 * {@code http.<url>.extraHeader} given through {@code GIT_CONFIG_*} environment variables, never in
 * the URL.
 */
public final class GitHubForge implements Forge {
  private static final int PUT_ATTEMPTS = 3;

  private final GitHubConfig config;
  private final String token;
  private final GitHubApi api;

  /** Against {@code config}'s API with {@code token} (for example from {@code GITHUB_TOKEN}). */
  public GitHubForge(GitHubConfig config, String token) {
    this(config, token, defaultClient(config), Clock.systemUTC(), Sleeper.SYSTEM);
  }

  public GitHubForge(
      GitHubConfig config, String token, HttpClient http, Clock clock, Sleeper sleeper) {
    if (token == null || token.isBlank()) {
      throw new PermanentException("a GitHub token is required (set GITHUB_TOKEN)");
    }
    this.config = config;
    this.token = token.strip();
    this.api = new GitHubApi(config, this.token, http, clock, sleeper);
  }

  @Override
  public Optional<String> branchHead(RepoRef repo, String branch) {
    String path =
        GitHubPaths.repo(repo)
            + "/git/ref/heads/"
            + GitHubPaths.segments(BranchName.validate(branch));
    GitHubApi.Response response = api.get(path);
    if (response.status() == 404 || response.status() == 409) {
      requireRepository(repo); // 404 alone cannot tell a missing branch from a missing repository
      return Optional.empty();
    }
    api.expect(response, "reading branch '" + branch + "' of " + repo, 200);
    return Optional.of(response.body().path("object").path("sha").asText());
  }

  @Override
  public void createBranch(RepoRef repo, String branch, String fromBranch) {
    BranchName.validate(branch);
    String from =
        branchHead(repo, fromBranch)
            .orElseThrow(
                () ->
                    new PermanentException(
                        "branch '" + fromBranch + "' does not exist in " + repo));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", "refs/heads/" + branch);
    body.put("sha", from);
    api.expect(
        api.send("POST", GitHubPaths.repo(repo) + "/git/refs", body),
        "creating branch '" + branch + "' in " + repo,
        201);
  }

  @Override
  public String putFile(RepoRef repo, String branch, String path, String content, String message) {
    BranchName.validate(branch);
    RepoPath.validate(path);
    String what = "writing " + path + " on branch '" + branch + "' of " + repo;
    String url = GitHubPaths.repo(repo) + "/contents/" + GitHubPaths.segments(path);
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("message", message);
      body.put(
          "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
      body.put("branch", branch);
      fileSha(repo, branch, path, url).ifPresent(sha -> body.put("sha", sha));
      GitHubApi.Response response = api.send("PUT", url, body);
      if (response.status() == 409 && attempt < PUT_ATTEMPTS) {
        continue; // the file changed between our read and our write: read its sha again
      }
      return api.expect(response, what, 200, 201).body().path("commit").path("sha").asText();
    }
  }

  @Override
  public Optional<String> readFile(RepoRef repo, String branch, String path) {
    BranchName.validate(branch);
    RepoPath.validate(path);
    String url = GitHubPaths.repo(repo) + "/contents/" + GitHubPaths.segments(path);
    return fileContent(repo, branch, path, url)
        .map(
            file ->
                new String(
                    Base64.getMimeDecoder().decode(file.path("content").asText("")),
                    StandardCharsets.UTF_8));
  }

  @Override
  public void deleteBranch(RepoRef repo, String branch) {
    String path =
        GitHubPaths.repo(repo)
            + "/git/refs/heads/"
            + GitHubPaths.segments(BranchName.validate(branch));
    GitHubApi.Response response = api.send("DELETE", path, null);
    if (response.status() == 422 || response.status() == 404) {
      requireRepository(repo); // "Reference does not exist": already gone
      return;
    }
    api.expect(response, "deleting branch '" + branch + "' of " + repo, 204);
  }

  @Override
  public PullRequest createPullRequest(
      RepoRef repo, String title, String body, String head, String base) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("head", BranchName.validate(head));
    request.put("base", BranchName.validate(base));
    request.put("body", body == null ? "" : body);
    GitHubApi.Response response = api.send("POST", GitHubPaths.repo(repo) + "/pulls", request);
    api.expect(
        response, "creating a pull request from " + head + " into " + base + " in " + repo, 201);
    return pullRequest(repo, response.body());
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoRef repo, int number) {
    if (number < 1) {
      return Optional.empty();
    }
    GitHubApi.Response response = api.get(GitHubPaths.repo(repo) + "/pulls/" + number);
    if (response.status() == 404) {
      requireRepository(repo);
      return Optional.empty();
    }
    api.expect(response, "reading pull request #" + number + " of " + repo, 200);
    return Optional.of(pullRequest(repo, response.body()));
  }

  @Override
  public Optional<PullRequest> openPullRequest(RepoRef repo, String head) {
    String path =
        GitHubPaths.repo(repo)
            + "/pulls?state=open&per_page=100&head="
            + GitHubPaths.query(repo.owner() + ":" + BranchName.validate(head));
    JsonNode list =
        api.expect(api.get(path), "listing the pull requests from " + head + " in " + repo, 200)
            .body();
    PullRequest oldest = null;
    for (JsonNode pr : list) {
      if (oldest == null || pr.path("number").asInt() < oldest.number()) {
        oldest = pullRequest(repo, pr);
      }
    }
    return Optional.ofNullable(oldest);
  }

  /**
   * The first 100 open pull requests, oldest first ({@code GET /repos/{o}/{r}/pulls?state=open}).
   */
  @Override
  public List<PullRequest> openPullRequests(RepoRef repo) {
    String path =
        GitHubPaths.repo(repo) + "/pulls?state=open&sort=created&direction=asc&per_page=100";
    JsonNode list =
        api.expect(api.get(path), "listing the open pull requests of " + repo, 200).body();
    List<PullRequest> open = new java.util.ArrayList<>();
    list.forEach(pr -> open.add(pullRequest(repo, pr)));
    return open;
  }

  /**
   * GitHub's {@code mergeable} of the pull request: empty while GitHub has not computed it yet
   * ({@code null}; reading the pull request starts the computation) or for an unknown one.
   */
  @Override
  public Optional<Boolean> merges(RepoRef repo, int number) {
    if (number < 1) {
      return Optional.empty();
    }
    GitHubApi.Response response = api.get(GitHubPaths.repo(repo) + "/pulls/" + number);
    if (response.status() == 404) {
      return Optional.empty();
    }
    JsonNode mergeable =
        api.expect(response, "reading pull request #" + number + " of " + repo, 200)
            .body()
            .path("mergeable");
    return mergeable.isBoolean() ? Optional.of(mergeable.asBoolean()) : Optional.empty();
  }

  @Override
  public PullRequest updatePullRequest(RepoRef repo, int number, PullRequestUpdate update) {
    Map<String, Object> body = new LinkedHashMap<>();
    update.body().ifPresent(text -> body.put("body", text));
    if (update.close()) {
      body.put("state", "closed");
    }
    GitHubApi.Response response =
        api.send("PATCH", GitHubPaths.repo(repo) + "/pulls/" + number, body);
    return pullRequest(
        repo, api.expect(response, "updating pull request #" + number + " of " + repo, 200).body());
  }

  @Override
  public void comment(RepoRef repo, int number, String body) {
    if (body == null || body.isBlank()) {
      throw new PermanentException("a comment must not be empty");
    }
    api.expect(
        api.send(
            "POST",
            GitHubPaths.repo(repo) + "/issues/" + number + "/comments",
            Map.of("body", body)),
        "commenting on pull request #" + number + " of " + repo,
        201);
  }

  @Override
  public List<String> comments(RepoRef repo, int number) {
    List<String> bodies = new ArrayList<>();
    String what = "reading the comments of pull request #" + number + " of " + repo;
    String next = GitHubPaths.repo(repo) + "/issues/" + number + "/comments?per_page=100";
    while (next != null) {
      GitHubApi.Response response = api.expect(api.get(next), what, 200);
      response.body().forEach(comment -> bodies.add(comment.path("body").asText("")));
      next = Links.next(response.headers(), config.apiBaseUrl().toString()).orElse(null);
    }
    return bodies;
  }

  /** See {@link GitHubRemote}: the token travels in git's environment, never in the URL. */
  @Override
  public GitRemote remote(RepoRef repo) {
    return GitHubRemote.of(config.webBaseUrl(), repo, token);
  }

  @Override
  public String toString() {
    return "GitHubForge[" + config.apiBaseUrl() + "]";
  }

  private Optional<String> fileSha(RepoRef repo, String branch, String path, String url) {
    return fileContent(repo, branch, path, url).map(file -> file.path("sha").asText());
  }

  /** The contents API's answer for a file; empty when the branch or the file does not exist. */
  private Optional<JsonNode> fileContent(RepoRef repo, String branch, String path, String url) {
    GitHubApi.Response response = api.get(url + "?ref=" + GitHubPaths.query(branch));
    if (response.status() == 404) {
      return Optional.empty();
    }
    JsonNode body =
        api.expect(response, "reading " + path + " on '" + branch + "' of " + repo, 200).body();
    if (body.isArray() || !body.path("type").asText("file").equals("file")) {
      throw new PermanentException(
          path + " on branch '" + branch + "' of " + repo + " is not a file");
    }
    return Optional.of(body);
  }

  private void requireRepository(RepoRef repo) {
    api.expect(api.get(GitHubPaths.repo(repo)), "reading repository " + repo, 200);
  }

  private static PullRequest pullRequest(RepoRef repo, JsonNode pr) {
    return new PullRequest(
        repo,
        pr.path("number").asInt(),
        pr.path("title").asText(""),
        pr.path("body").asText(""),
        pr.path("base").path("ref").asText(""),
        pr.path("head").path("ref").asText(""),
        pr.path("state").asText(""),
        pr.path("html_url").asText(""));
  }

  /**
   * HTTP/2 over TLS; plain {@code http://} (a test or proxy address) stays on HTTP/1.1, since an
   * h2c upgrade that a server half-supports ends in connections closed mid-answer.
   */
  static HttpClient defaultClient(GitHubConfig config) {
    boolean tls = "https".equalsIgnoreCase(config.apiBaseUrl().getScheme());
    return HttpClient.newBuilder()
        .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
