package dev.delegate.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's own OpenAPI description of the calls we make ({@code shared/reference/github-openapi/
 * github-subset.json}): test stubs take their example bodies and required fields from it.
 */
final class GitHubSpec {
  static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode spec;

  private GitHubSpec() {}

  static synchronized JsonNode spec() {
    if (spec == null) {
      String shared = System.getProperty("delegate.shared", "../../shared");
      Path file = Path.of(shared, "reference", "github-openapi", "github-subset.json");
      try {
        spec = JSON.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException("GitHub's OpenAPI subset not found at " + file, e);
      }
    }
    return spec;
  }

  /**
   * A copy of {@code components.examples.<name>.value}, e.g. {@code git-ref}, {@code pull-request}.
   */
  static ObjectNode example(String name) {
    JsonNode value = spec().path("components").path("examples").path(name).path("value");
    if (!value.isObject()) {
      throw new IllegalArgumentException("no example " + name + " in the GitHub spec");
    }
    return (ObjectNode) value.deepCopy();
  }

  /** The example request body of an operation, e.g. ("/repos/{owner}/{repo}/git/refs", "post"). */
  static JsonNode requestExample(String path, String method) {
    JsonNode examples =
        operation(path, method)
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("examples");
    return examples.elements().next().path("value");
  }

  /** The required fields of an operation's JSON request body. */
  static List<String> requiredRequestFields(String path, String method) {
    JsonNode required =
        operation(path, method)
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema")
            .path("required");
    List<String> fields = new ArrayList<>();
    required.forEach(f -> fields.add(f.asText()));
    return fields;
  }

  /** The property names of {@code components.schemas.<name>}. */
  static List<String> schemaProperties(String name) {
    List<String> names = new ArrayList<>();
    spec()
        .path("components")
        .path("schemas")
        .path(name)
        .path("properties")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  private static JsonNode operation(String path, String method) {
    JsonNode op = spec().path("paths").path(path).path(method);
    if (op.isMissingNode()) {
      throw new IllegalArgumentException(
          "no operation " + method + " " + path + " in the GitHub spec");
    }
    return op;
  }
}
