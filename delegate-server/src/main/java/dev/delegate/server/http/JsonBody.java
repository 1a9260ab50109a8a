package dev.delegate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a request's JSON object body and its fields, with 400s that say what is wrong. */
public final class JsonBody {
  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  public static JsonBody of(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiException.badRequest("bad_json", "the request body is empty; send a JSON object");
    }
    JsonNode parsed;
    try {
      parsed = Http.JSON.readTree(body);
    } catch (Exception e) {
      throw ApiException.badRequest(
          "bad_json", "the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw ApiException.badRequest("bad_json", "the request body must be a JSON object");
    }
    return new JsonBody(object);
  }

  /**
   * The optional {@code budget: {maxCostUsd, maxCredits}} ({@link Budget#NONE} when absent), or a
   * 400 {@code invalid_budget} saying what is wrong with it.
   */
  public Budget budget() {
    Map<String, String> problems = new LinkedHashMap<>();
    Budget budget = BudgetJson.parse(node.get("budget"), problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid_budget", problems.get("budget"));
    }
    return budget;
  }

  /**
   * The optional {@code acceptanceCriteria} (strings or {@code {"text", "check"}} objects; empty
   * when absent), or a 400 {@code invalid_criteria} saying what is wrong with them.
   */
  public List<Criterion> criteria() {
    Map<String, String> problems = new LinkedHashMap<>();
    List<Criterion> criteria = CriteriaJson.parse(node.get(CriteriaJson.FIELD), problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid_criteria", problems.get(CriteriaJson.FIELD));
    }
    return criteria;
  }

  /** A required, non-blank string field. */
  public String requiredText(String field) {
    return optionalText(field)
        .filter(s -> !s.isBlank())
        .orElseThrow(
            () -> ApiException.badRequest("missing_" + field, "'" + field + "' is required"));
  }

  public Optional<String> optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("invalid_" + field, "'" + field + "' must be a string");
    }
    return Optional.of(value.asText());
  }

  /** A required whole number between {@code min} and {@code max}. */
  public long requiredLong(String field, long min, long max) {
    return optionalLong(field, min, max)
        .orElseThrow(
            () -> ApiException.badRequest("missing_" + field, "'" + field + "' is required"));
  }

  /** An optional string of at most {@code maxLength} characters. */
  public Optional<String> optionalText(String field, int maxLength) {
    Optional<String> value = optionalText(field);
    if (value.isPresent() && value.get().length() > maxLength) {
      throw ApiException.badRequest(
          "invalid_" + field, "'" + field + "' is longer than " + maxLength + " characters");
    }
    return value;
  }

  /** An optional whole number between {@code min} and {@code max}. */
  public Optional<Long> optionalLong(String field, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < min
        || value.asLong() > max) {
      throw ApiException.badRequest(
          "invalid_" + field,
          "'" + field + "' must be a whole number from " + min + " to " + max + ", was " + value);
    }
    return Optional.of(value.asLong());
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
