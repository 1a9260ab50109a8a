package dev.delegate.server.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.task.Task;
import dev.delegate.git.BranchName;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.BudgetJson;
import dev.delegate.server.http.CriteriaJson;
import dev.delegate.server.http.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /api/delegate/personal}, checked field by field. Every problem is
 * collected, then answered at once as {@code 400 invalid_request} with a message per field.
 */
public record DelegationRequest(
    Task task, Optional<RepoRef> repo, Optional<String> baseBranch, Budget budget) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_TEXT = 20_000;

  /** Parses and validates a JSON body; {@code defaultOwner} completes a repo named alone. */
  public static DelegationRequest parse(String body, String defaultOwner) {
    ObjectNode json = object(body);
    Map<String, String> problems = new LinkedHashMap<>();
    String title = text(json, "title", MAX_TITLE, true, true, problems);
    String objective = text(json, "objective", MAX_TEXT, true, false, problems);
    String constraints = text(json, "constraints", MAX_TEXT, false, false, problems);
    List<Criterion> criteria = CriteriaJson.parse(json.get(CriteriaJson.FIELD), problems);
    String owner = text(json, "owner", 100, false, true, problems);
    String name = text(json, "repo", 100, false, true, problems);
    String base = text(json, "baseBranch", BranchName.MAX_LENGTH, false, true, problems);
    Optional<RepoRef> repo = Optional.empty();
    if (name != null && !name.isBlank()) {
      repo = repo(owner == null || owner.isBlank() ? defaultOwner : owner, name, problems);
    } else if (owner != null && !owner.isBlank() && !problems.containsKey("owner")) {
      problems.put("repo", "'repo' is required when 'owner' is given");
    }
    if (base != null && !base.isBlank() && !BranchName.isValid(base)) {
      problems.put("baseBranch", "'baseBranch' is not a valid branch name under git's rules");
    }
    Budget budget = BudgetJson.parse(json.get("budget"), problems);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return new DelegationRequest(
        new Task(title, objective, constraints, criteria),
        repo,
        Optional.ofNullable(base).filter(b -> !b.isBlank()),
        budget);
  }

  /** The 400 every validation failure answers. */
  public static ApiException invalid(Map<String, String> problems) {
    String message =
        problems.size() == 1
            ? problems.values().iterator().next()
            : "the request has " + problems.size() + " invalid fields";
    return new ApiException(400, "invalid_request", message, problems);
  }

  private static ObjectNode object(String body) {
    String problem;
    if (body == null || body.isBlank()) {
      problem = "the request body is empty; send a JSON object";
    } else {
      try {
        if (Http.JSON.readTree(body) instanceof ObjectNode node) {
          return node;
        }
        problem = "the request body must be a JSON object";
      } catch (Exception e) {
        problem = "the request body is not valid JSON";
      }
    }
    throw invalid(Map.of("body", problem));
  }

  private static String text(
      ObjectNode json,
      String field,
      int max,
      boolean required,
      boolean oneLine,
      Map<String, String> problems) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.put(field, "'" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      problems.put(field, "'" + field + "' must be a string");
      return null;
    }
    String text = value.asText();
    if (required && text.isBlank()) {
      problems.put(field, "'" + field + "' must not be blank");
    } else if (text.strip().length() > max) {
      problems.put(field, "'" + field + "' is longer than " + max + " characters");
    } else if (hasControl(text.strip(), oneLine)) {
      problems.put(
          field,
          "'" + field + "' must not hold control characters" + (oneLine ? " or line breaks" : ""));
    }
    return text;
  }

  private static Optional<RepoRef> repo(String owner, String name, Map<String, String> problems) {
    try {
      new RepoRef(owner, "x");
    } catch (PermanentException e) {
      problems.put("owner", e.getMessage());
      return Optional.empty();
    }
    try {
      return Optional.of(new RepoRef(owner, name));
    } catch (PermanentException e) {
      problems.put("repo", e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean hasControl(String text, boolean oneLine) {
    return text.chars()
        .anyMatch(
            c ->
                (c < 0x20 && (oneLine || (c != '\n' && c != '\r' && c != '\t')))
                    || c == 0x7f
                    || (c >= 0x80 && c < 0xa0));
  }
}
