package dev.delegate.git.github;

import static dev.delegate.git.github.GitHubSpec.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;

/** The fake GitHub's bodies: the spec's examples with our values, and GitHub's error shapes. */
final class FakeBodies {
  private static final String DOCS = "https://docs.github.com/rest";

  private FakeBodies() {}

  static ObjectNode refBody(String branch, String sha) {
    ObjectNode body = GitHubSpec.example("git-ref");
    body.put("ref", "refs/heads/" + branch);
    ((ObjectNode) body.path("object")).put("sha", sha);
    return body;
  }

  static ObjectNode pullBody(FakeRepo repo, FakeRepo.Pull pull) {
    ObjectNode body = GitHubSpec.example("pull-request");
    body.put("number", pull.number()).put("title", pull.title()).put("state", pull.state());
    body.put("body", pull.body());
    body.put(
        "html_url",
        "https://github.com/" + repo.owner + "/" + repo.name + "/pull/" + pull.number());
    for (String side : List.of("head", "base")) {
      String branch = side.equals("head") ? pull.head() : pull.base();
      ((ObjectNode) body.path(side))
          .put("ref", branch)
          .put("label", repo.owner + ":" + branch)
          .put("sha", repo.branches.get(branch));
    }
    return body;
  }

  static ResponseDefinition validation(String resource, String field, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("message", "Validation Failed");
    ObjectNode error = body.putArray("errors").addObject();
    if (resource != null) {
      error.put("resource", resource);
    }
    if (field != null) {
      error.put("field", field);
    }
    error.put("code", code);
    if (message != null) {
      error.put("message", message);
    }
    body.put("documentation_url", DOCS);
    return json(422, body);
  }

  static ResponseDefinition error(int status, String message) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("message", message)
            .put("documentation_url", DOCS)
            .put("status", Integer.toString(status));
    return json(status, body);
  }

  static ResponseDefinition json(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString())
        .build();
  }
}
