package dev.delegate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Approval rules from a YAML file ({@code --approval-rules FILE}), in order, first match wins:
 *
 * <pre>
 * rules:
 *   - {verdict: deny, kind: shell, command: 'git\s+push'}
 *   - {verdict: deny, path: '(^|/)\.env$'}
 *   - {verdict: allow, kind: read}
 *   - {verdict: deny, tool: web_fetch}
 * </pre>
 *
 * Each rule names a verdict ({@code allow}, {@code trust}, {@code deny}) and any of {@code tool}
 * (exact name), {@code kind} ({@code read}, {@code write}, {@code shell}, {@code network}, {@code
 * other}), {@code command} and {@code path} (regular expressions found anywhere).
 */
public final class ApprovalRulesFile {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  record RuleSpec(
      @JsonProperty("verdict") String verdict,
      @JsonProperty("tool") String tool,
      @JsonProperty("kind") String kind,
      @JsonProperty("command") String command,
      @JsonProperty("path") String path) {}

  record FileSpec(@JsonProperty("rules") List<RuleSpec> rules) {}

  private ApprovalRulesFile() {}

  public static List<ApprovalRule> read(Path file) {
    FileSpec spec;
    try {
      spec = YAML.readValue(Files.readString(file), FileSpec.class);
    } catch (IOException e) {
      throw new ConfigException(
          "approval rules " + file + " cannot be read: " + firstLine(e.getMessage()));
    }
    List<ApprovalRule> rules = new ArrayList<>();
    List<RuleSpec> specs = spec == null || spec.rules() == null ? List.of() : spec.rules();
    for (int i = 0; i < specs.size(); i++) {
      String where = file + ", rule " + (i + 1);
      try {
        rules.add(rule(specs.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
    }
    return rules;
  }

  private static ApprovalRule rule(RuleSpec spec) {
    if (spec.verdict() == null) {
      throw new IllegalArgumentException("'verdict' is required (allow, trust or deny)");
    }
    ApprovalVerdict verdict;
    try {
      verdict = ApprovalVerdict.valueOf(spec.verdict().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "verdict must be allow, trust or deny, was '" + spec.verdict() + "'");
    }
    return new ApprovalRule(
        verdict,
        Optional.ofNullable(spec.tool()).map(String::strip),
        pattern("command", spec.command()),
        Optional.ofNullable(spec.kind()).map(ToolKind::parse),
        pattern("path", spec.path()));
  }

  private static Optional<Pattern> pattern(String field, String regex) {
    if (regex == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          field + " '" + regex + "' is not a valid regular expression: " + e.getDescription());
    }
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }
}
