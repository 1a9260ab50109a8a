package dev.delegate.core.agent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches approval requests by tool name, tool kind, command and/or path; every condition given
 * must hold, and a rule with none matches everything. Tool names match exactly (case-insensitive);
 * commands and paths match when the pattern is found anywhere in them.
 */
public record ApprovalRule(
    ApprovalVerdict verdict,
    Optional<String> tool,
    Optional<Pattern> command,
    Optional<ToolKind> kind,
    Optional<Pattern> path) {

  public ApprovalRule(ApprovalVerdict verdict, Optional<String> tool, Optional<Pattern> command) {
    this(verdict, tool, command, Optional.empty(), Optional.empty());
  }

  public static ApprovalRule tool(ApprovalVerdict verdict, String tool) {
    return new ApprovalRule(verdict, Optional.of(tool), Optional.empty());
  }

  public static ApprovalRule command(ApprovalVerdict verdict, String regex) {
    return new ApprovalRule(verdict, Optional.empty(), Optional.of(Pattern.compile(regex)));
  }

  public static ApprovalRule kind(ApprovalVerdict verdict, ToolKind kind) {
    return new ApprovalRule(
        verdict, Optional.empty(), Optional.empty(), Optional.of(kind), Optional.empty());
  }

  public static ApprovalRule path(ApprovalVerdict verdict, String regex) {
    return new ApprovalRule(
        verdict,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(Pattern.compile(regex)));
  }

  public boolean matches(ApprovalRequest request) {
    boolean toolMatches =
        tool.map(t -> request.tool().map(t::equalsIgnoreCase).orElse(false)).orElse(true);
    boolean commandMatches =
        command
            .map(p -> request.command().map(c -> p.matcher(c).find()).orElse(false))
            .orElse(true);
    boolean kindMatches = kind.map(k -> k == request.kind()).orElse(true);
    boolean pathMatches =
        path.map(p -> request.path().map(c -> p.matcher(c).find()).orElse(false)).orElse(true);
    return toolMatches && commandMatches && kindMatches && pathMatches;
  }

  public String describe() {
    StringBuilder text = new StringBuilder(verdict.name().toLowerCase(Locale.ROOT));
    kind.ifPresent(k -> text.append(" kind=").append(k.label()));
    tool.ifPresent(t -> text.append(" tool=").append(t));
    command.ifPresent(c -> text.append(" command~/").append(c.pattern()).append('/'));
    path.ifPresent(p -> text.append(" path~/").append(p.pattern()).append('/'));
    return text.toString();
  }
}
