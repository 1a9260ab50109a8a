package dev.delegate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.criteria.CriteriaSummary;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code acceptanceCriteria} in JSON, both ways: each entry a string (the criterion's text) or
 * {@code {"text":"…","check":"…"}} (a check command shows it); verdicts as {@code {"text", "check",
 * "verdict", "evidence", "exitCode"}}.
 */
public final class CriteriaJson {
  public static final String FIELD = "acceptanceCriteria";
  public static final int MAX_CRITERIA = 50;
  public static final int MAX_CRITERION = 1_000;
  public static final int MAX_CHECK = 2_000;

  private CriteriaJson() {}

  /** The criteria in {@code value}; a problem goes into {@code problems} under {@link #FIELD}. */
  public static List<Criterion> parse(JsonNode value, Map<String, String> problems) {
    List<Criterion> criteria = new ArrayList<>();
    if (value == null || value.isNull()) {
      return criteria;
    }
    if (!value.isArray()) {
      problems.put(
          FIELD, "'" + FIELD + "' must be an array of strings or {\"text\", \"check\"} objects");
      return criteria;
    }
    if (value.size() > MAX_CRITERIA) {
      problems.put(FIELD, "'" + FIELD + "' holds more than " + MAX_CRITERIA + " criteria");
      return criteria;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String problem = item.isObject() ? objectProblem(item) : textProblem(item, "");
      if (problem != null) {
        problems.put(FIELD, "'" + FIELD + "' item " + (i + 1) + " " + problem);
        return List.of();
      }
      String text = item.isObject() ? item.get("text").asText() : item.asText();
      if (!text.isBlank()) {
        JsonNode check = item.path("check");
        criteria.add(new Criterion(text, java.util.Optional.ofNullable(check.textValue())));
      }
    }
    return criteria;
  }

  private static String textProblem(JsonNode item, String what) {
    if (!item.isTextual()) {
      return what.isEmpty()
          ? "must be a string or an object {\"text\":\"…\",\"check\":\"…\"}"
          : what + "must be a string";
    }
    return line(item.asText(), what, MAX_CRITERION);
  }

  private static String line(String text, String what, int max) {
    if (text.strip().length() > max) {
      return what + "is longer than " + max + " characters";
    }
    if (text.strip().chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))) {
      return what + "must not hold control characters or line breaks";
    }
    return null;
  }

  private static String objectProblem(JsonNode item) {
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("text") && !name.equals("check")) {
        return "has an unknown field '" + name + "' (only 'text' and 'check')";
      }
    }
    JsonNode text = item.get("text");
    if (text == null || text.isNull() || (text.isTextual() && text.asText().isBlank())) {
      return "needs a 'text'";
    }
    String problem = textProblem(text, "'text' ");
    if (problem != null) {
      return problem;
    }
    JsonNode check = item.get("check");
    if (check == null || check.isNull()) {
      return null;
    }
    if (!check.isTextual()) {
      return "'check' must be a string";
    }
    return line(check.asText(), "'check' ", MAX_CHECK);
  }

  /** A task's criteria as the API shows them: a string each, or an object when one has a check. */
  public static List<Object> criteria(List<Criterion> criteria) {
    List<Object> out = new ArrayList<>();
    for (Criterion c : criteria) {
      if (c.check().isEmpty()) {
        out.add(c.text());
      } else {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("text", c.text());
        item.put("check", c.check().get());
        out.add(item);
      }
    }
    return out;
  }

  /**
   * A job's criteria as the API shows them: {@code acceptanceCriteria} as given, {@code verdicts}
   * (empty until the work was checked) and {@code criteriaMet} ("2 of 3 acceptance criteria met",
   * null until then), into {@code body}.
   */
  public static void put(Map<String, Object> body, JobCriteria job) {
    body.put(FIELD, criteria(job.criteria()));
    body.put("verdicts", verdicts(job.verdicts()));
    body.put("criteriaMet", job.checked() ? CriteriaSummary.of(job.verdicts()) : null);
  }

  /** Verdicts as the API shows them, one object per criterion in order. */
  public static List<Map<String, Object>> verdicts(List<CriterionVerdict> verdicts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      CriterionVerdict v = verdicts.get(i);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", i + 1);
      item.put("text", v.criterion().text());
      item.put("check", v.criterion().check().orElse(null));
      item.put("verdict", v.verdict().label());
      item.put("evidence", v.evidence());
      item.put("exitCode", v.exitCode().orElse(null));
      out.add(item);
    }
    return out;
  }
}
