package dev.delegate.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.DelegateException;
import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns GitHub's error answers ({@code {"message", "errors", "documentation_url"}}) into exceptions
 * a person can act on: permanent for what the request or the token got wrong, transient for
 * GitHub's own failures.
 */
final class GitHubErrors {
  private GitHubErrors() {}

  static DelegateException toException(String what, int status, JsonNode body) {
    String detail = detail(status, body);
    return switch (status) {
      case 401 ->
          new PermanentException(
              "GitHub rejected the token while "
                  + what
                  + " ("
                  + detail
                  + "): check that the token"
                  + " (GITHUB_TOKEN) is valid and not expired");
      case 403 ->
          new PermanentException(
              "GitHub refused "
                  + what
                  + " ("
                  + detail
                  + "): the token lacks a permission this"
                  + " needs (contents and pull requests: read and write)");
      case 404 ->
          new PermanentException(
              "GitHub could not find what "
                  + what
                  + " needs ("
                  + detail
                  + "): the repository, branch or pull request does not exist, or the token"
                  + " cannot see it");
      case 422 -> new PermanentException("GitHub rejected " + what + " (" + detail + ")");
      default ->
          status >= 500
              ? new TransientException(
                  "GitHub failed while " + what + " (" + detail + "); retry later")
              : new PermanentException("GitHub refused " + what + " (" + detail + ")");
    };
  }

  /** {@code 422 Validation Failed: Reference already exists; see https://docs…}. */
  static String detail(int status, JsonNode body) {
    StringBuilder text = new StringBuilder().append(status);
    String message = text(body, "message");
    if (!message.isEmpty()) {
      text.append(' ').append(message);
    }
    List<String> errors = errors(body);
    if (!errors.isEmpty()) {
      text.append(": ").append(String.join("; ", errors));
    }
    String docs = text(body, "documentation_url");
    if (!docs.isEmpty()) {
      text.append("; see ").append(docs);
    }
    return text.toString();
  }

  static String message(JsonNode body) {
    return text(body, "message");
  }

  private static List<String> errors(JsonNode body) {
    List<String> out = new ArrayList<>();
    if (body == null || !body.path("errors").isArray()) {
      return out;
    }
    for (JsonNode error : body.path("errors")) {
      if (error.isTextual()) {
        out.add(error.asText());
        continue;
      }
      String message = text(error, "message");
      if (!message.isEmpty()) {
        out.add(message);
        continue;
      }
      String field = String.join(".", nonEmpty(text(error, "resource"), text(error, "field")));
      String code = text(error, "code");
      out.add((field.isEmpty() ? "" : field + " ") + (code.isEmpty() ? "invalid" : code));
    }
    return out;
  }

  private static List<String> nonEmpty(String... parts) {
    return List.of(parts).stream().filter(p -> !p.isEmpty()).toList();
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.path(field).isTextual() ? "" : node.path(field).asText();
  }
}
