package dev.delegate.git.github;

import static dev.delegate.git.github.GitHubSpec.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful GitHub behind WireMock, for the forge contract: the REST calls GitHubForge
 * makes, answered in the shapes of GitHub's OpenAPI examples, with GitHub's checks (required
 * fields, existing refs, the file sha on update, duplicate pull requests, the token).
 */
final class FakeGitHub implements ResponseDefinitionTransformerV2 {
  private static final Pattern ROUTE =
      Pattern.compile(
          "/repos/([^/]+)/([^/]+)(/git/ref/heads/(.+)|/git/refs|/contents/(.+)|/pulls(/(\\d+))?|/issues/(\\d+)/comments|/git/refs/heads/(.+))?");

  private final Map<String, FakeRepo> repos = new ConcurrentHashMap<>();
  private final String token;
  private final FakeRoutes routes = new FakeRoutes();

  FakeGitHub(String token) {
    this.token = token;
  }

  void addRepository(String owner, String name, Map<String, String> files) {
    repos.put(owner + "/" + name, new FakeRepo(owner, name, files));
  }

  /** A file on a branch, as the fake holds it. */
  synchronized Optional<String> file(String fullName, String branch, String path) {
    FakeRepo.Commit head = repos.get(fullName).head(branch);
    return head == null ? Optional.empty() : Optional.ofNullable(head.files().get(path));
  }

  @Override
  public String getName() {
    return "fake-github";
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return FakeBodies.error(401, "Bad credentials");
    }
    if (request.getHeader("User-Agent") == null) {
      return FakeBodies.error(
          403,
          "Request forbidden by administrative rules. Please make sure your request has a User-Agent header");
    }
    URI uri = URI.create(request.getUrl());
    Matcher m = ROUTE.matcher(uri.getPath());
    FakeRepo repo = m.matches() ? repos.get(m.group(1) + "/" + m.group(2)) : null;
    if (repo == null) {
      return FakeBodies.error(404, "Not Found");
    }
    String method = request.getMethod().getName();
    JsonNode body = parse(request.getBodyAsString());
    String tail = m.group(3) == null ? "" : m.group(3);
    if (tail.isEmpty() && method.equals("GET")) {
      return routes.repository(repo);
    } else if (m.group(4) != null && method.equals("GET")) {
      return routes.ref(repo, m.group(4));
    } else if (tail.equals("/git/refs") && method.equals("POST")) {
      return routes.createRef(repo, body);
    } else if (m.group(5) != null && method.equals("GET")) {
      return routes.content(repo, m.group(5), query(uri, "ref"));
    } else if (m.group(5) != null && method.equals("PUT")) {
      return routes.putContent(repo, m.group(5), body);
    } else if (tail.equals("/pulls") && method.equals("POST")) {
      return routes.createPull(repo, body);
    } else if (tail.equals("/pulls") && method.equals("GET")) {
      return routes.pulls(repo, query(uri, "head"), query(uri, "state"));
    } else if (m.group(7) != null && method.equals("PATCH")) {
      return routes.updatePull(repo, Integer.parseInt(m.group(7)), body);
    } else if (m.group(9) != null && method.equals("DELETE")) {
      return routes.deleteRef(repo, m.group(9));
    } else if (m.group(7) != null && method.equals("GET")) {
      return routes.pull(repo, Integer.parseInt(m.group(7)));
    } else if (m.group(8) != null && method.equals("POST")) {
      return routes.comment(repo, Integer.parseInt(m.group(8)), body);
    } else if (m.group(8) != null && method.equals("GET")) {
      return routes.comments(repo, Integer.parseInt(m.group(8)));
    }
    return FakeBodies.error(404, "Not Found");
  }

  private static String query(URI uri, String name) {
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("unparseable", true);
    }
  }
}
