package dev.delegate.git.github;

import static dev.delegate.git.github.GitHubSpec.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fake GitHub's answers, built from the examples in GitHub's OpenAPI description. */
final class FakeRoutes {
  ResponseDefinition repository(FakeRepo repo) {
    ObjectNode body = GitHubSpec.example("full-repository-default-response");
    body.put("name", repo.name).put("full_name", repo.owner + "/" + repo.name);
    return FakeBodies.json(200, body);
  }

  ResponseDefinition ref(FakeRepo repo, String branch) {
    String sha = repo.branches.get(branch);
    return sha == null
        ? FakeBodies.error(404, "Not Found")
        : FakeBodies.json(200, FakeBodies.refBody(branch, sha));
  }

  ResponseDefinition createRef(FakeRepo repo, JsonNode body) {
    ResponseDefinition missing = missingFields(body, "/repos/{owner}/{repo}/git/refs", "post");
    if (missing != null) {
      return missing;
    }
    String ref = body.path("ref").asText();
    String sha = body.path("sha").asText();
    if (!ref.startsWith("refs/heads/")) {
      return FakeBodies.error(
          422, "Reference name must start with 'refs/' and have at least two slashes.");
    }
    String branch = ref.substring("refs/heads/".length());
    if (repo.branches.containsKey(branch)) {
      return FakeBodies.error(422, "Reference already exists");
    }
    if (!repo.commits.containsKey(sha)) {
      return FakeBodies.error(422, "Object does not exist");
    }
    repo.branches.put(branch, sha);
    return FakeBodies.json(201, FakeBodies.refBody(branch, sha));
  }

  ResponseDefinition content(FakeRepo repo, String path, String branch) {
    FakeRepo.Commit head = repo.head(branch == null ? "main" : branch);
    String text = head == null ? null : head.files().get(path);
    if (text == null) {
      return FakeBodies.error(404, "Not Found");
    }
    ObjectNode body = GitHubSpec.example("content-file-response-if-content-is-a-file");
    body.put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path);
    body.put("sha", FakeRepo.blobSha(text)).put("size", text.length());
    body.put(
        "content",
        Base64.getMimeEncoder(60, "\n".getBytes())
                .encodeToString(text.getBytes(StandardCharsets.UTF_8))
            + "\n");
    return FakeBodies.json(200, body);
  }

  ResponseDefinition putContent(FakeRepo repo, String path, JsonNode body) {
    ResponseDefinition missing =
        missingFields(body, "/repos/{owner}/{repo}/contents/{path}", "put");
    if (missing != null) {
      return missing;
    }
    String branch = body.path("branch").asText("main");
    FakeRepo.Commit head = repo.head(branch);
    if (head == null) {
      return FakeBodies.error(404, "Branch " + branch + " not found");
    }
    String old = head.files().get(path);
    if (old != null && !body.has("sha")) {
      return FakeBodies.error(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
    }
    if (old != null && !body.path("sha").asText().equals(FakeRepo.blobSha(old))) {
      return FakeBodies.error(409, path + " does not match " + body.path("sha").asText());
    }
    String text =
        new String(
            Base64.getDecoder().decode(body.path("content").asText()), StandardCharsets.UTF_8);
    Map<String, String> files = new HashMap<>(head.files());
    files.put(path, text);
    FakeRepo.Commit commit = repo.commit(head.sha(), files, body.path("message").asText());
    repo.branches.put(branch, commit.sha());
    ObjectNode answer =
        GitHubSpec.example(
            old == null
                ? "file-commit-example-for-creating-a-file"
                : "file-commit-example-for-updating-a-file");
    ((ObjectNode) answer.path("content")).put("path", path).put("sha", FakeRepo.blobSha(text));
    ObjectNode commitNode = (ObjectNode) answer.path("commit");
    commitNode.put("sha", commit.sha()).put("message", commit.message());
    ((ObjectNode) commitNode.path("parents").get(0)).put("sha", head.sha());
    return FakeBodies.json(old == null ? 201 : 200, answer);
  }

  ResponseDefinition createPull(FakeRepo repo, JsonNode body) {
    ResponseDefinition missing = missingFields(body, "/repos/{owner}/{repo}/pulls", "post");
    if (missing != null) {
      return missing;
    }
    String head = body.path("head").asText();
    String base = body.path("base").asText();
    for (String field : List.of("head", "base")) {
      if (!repo.branches.containsKey(body.path(field).asText())) {
        return FakeBodies.validation("PullRequest", field, "invalid", null);
      }
    }
    boolean duplicate =
        repo.pulls.stream()
            .anyMatch(
                p -> p.head().equals(head) && p.base().equals(base) && p.state().equals("open"));
    if (duplicate) {
      return FakeBodies.validation(
          "PullRequest",
          null,
          "custom",
          "A pull request already exists for " + repo.owner + ":" + head + ".");
    }
    if (repo.reaches(repo.branches.get(base), repo.branches.get(head))) {
      return FakeBodies.validation(
          "PullRequest", null, "custom", "No commits between " + base + " and " + head);
    }
    FakeRepo.Pull pull =
        new FakeRepo.Pull(
            repo.pulls.size() + 1,
            body.path("title").asText(),
            body.path("body").asText(null),
            head,
            base,
            "open");
    repo.pulls.add(pull);
    return FakeBodies.json(201, FakeBodies.pullBody(repo, pull));
  }

  ResponseDefinition pull(FakeRepo repo, int number) {
    return number < 1 || number > repo.pulls.size()
        ? FakeBodies.error(404, "Not Found")
        : FakeBodies.json(200, FakeBodies.pullBody(repo, repo.pulls.get(number - 1)));
  }

  /** {@code GET /pulls?head=owner:branch&state=open}, GitHub's list filter. */
  ResponseDefinition pulls(FakeRepo repo, String head, String state) {
    String branch = null;
    if (head != null) {
      String decoded = java.net.URLDecoder.decode(head, StandardCharsets.UTF_8);
      if (!decoded.startsWith(repo.owner + ":")) {
        return FakeBodies.json(200, JSON.createArrayNode());
      }
      branch = decoded.substring(repo.owner.length() + 1);
    }
    ArrayNode list = JSON.createArrayNode();
    for (FakeRepo.Pull pull : repo.pulls) {
      boolean stateMatches = state == null || state.equals("all") || state.equals(pull.state());
      if (stateMatches && (branch == null || branch.equals(pull.head()))) {
        list.add(FakeBodies.pullBody(repo, pull));
      }
    }
    return FakeBodies.json(200, list);
  }

  /** {@code PATCH /pulls/{n}}: {@code body} and {@code state} ({@code open}, {@code closed}). */
  ResponseDefinition updatePull(FakeRepo repo, int number, JsonNode body) {
    if (number < 1 || number > repo.pulls.size()) {
      return FakeBodies.error(404, "Not Found");
    }
    String state = body.path("state").asText(null);
    if (state != null && !state.equals("open") && !state.equals("closed")) {
      return FakeBodies.validation("PullRequest", "state", "invalid", null);
    }
    FakeRepo.Pull old = repo.pulls.get(number - 1);
    FakeRepo.Pull pull =
        new FakeRepo.Pull(
            number,
            body.path("title").asText(old.title()),
            body.has("body") ? body.path("body").asText(null) : old.body(),
            old.head(),
            old.base(),
            state == null ? old.state() : state);
    repo.pulls.set(number - 1, pull);
    return FakeBodies.json(200, FakeBodies.pullBody(repo, pull));
  }

  /** {@code DELETE /git/refs/heads/{branch}}: 204, or 422 "Reference does not exist". */
  ResponseDefinition deleteRef(FakeRepo repo, String branch) {
    if (repo.branches.remove(branch) == null) {
      return FakeBodies.error(422, "Reference does not exist");
    }
    return new ResponseDefinition(204, "");
  }

  ResponseDefinition comment(FakeRepo repo, int number, JsonNode body) {
    ResponseDefinition missing =
        missingFields(body, "/repos/{owner}/{repo}/issues/{issue_number}/comments", "post");
    if (missing != null) {
      return missing;
    }
    if (number < 1 || number > repo.pulls.size()) {
      return FakeBodies.error(404, "Not Found");
    }
    List<String> list = repo.comments.computeIfAbsent(number, n -> new ArrayList<>());
    list.add(body.path("body").asText());
    return FakeBodies.json(
        201,
        GitHubSpec.example("issue-comment")
            .put("id", list.size())
            .put("body", body.path("body").asText()));
  }

  ResponseDefinition comments(FakeRepo repo, int number) {
    if (number < 1 || number > repo.pulls.size()) {
      return FakeBodies.error(404, "Not Found");
    }
    ArrayNode list = JSON.createArrayNode();
    for (String text : repo.comments.getOrDefault(number, List.of())) {
      list.add(GitHubSpec.example("issue-comment").put("body", text));
    }
    return FakeBodies.json(200, list);
  }

  private static ResponseDefinition missingFields(JsonNode body, String path, String method) {
    for (String field : GitHubSpec.requiredRequestFields(path, method)) {
      if (!body.hasNonNull(field)) {
        return FakeBodies.validation(null, field, "missing_field", null);
      }
    }
    return null;
  }
}
