package dev.delegate.core.agent;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches approval requests by tool name and/or command. A rule with neither matches everything.
 * Tool names match exactly (case-insensitive); commands match when the pattern is found anywhere in
 * the command.
 */
public record ApprovalRule(
    ApprovalVerdict verdict, Optional<String> tool, Optional<Pattern> command) {

  public static ApprovalRule tool(ApprovalVerdict verdict, String tool) {
    return new ApprovalRule(verdict, Optional.of(tool), Optional.empty());
  }

  public static ApprovalRule command(ApprovalVerdict verdict, String regex) {
    return new ApprovalRule(verdict, Optional.empty(), Optional.of(Pattern.compile(regex)));
  }

  public boolean matches(ApprovalRequest request) {
    boolean toolMatches =
        tool.map(t -> request.tool().map(t::equalsIgnoreCase).orElse(false)).orElse(true);
    boolean commandMatches =
        command
            .map(p -> request.command().map(c -> p.matcher(c).find()).orElse(false))
            .orElse(true);
    return toolMatches && commandMatches;
  }

  public String describe() {
    StringBuilder text = new StringBuilder(verdict.name().toLowerCase());
    tool.ifPresent(t -> text.append(" tool=").append(t));
    command.ifPresent(c -> text.append(" command~/").append(c.pattern()).append('/'));
    return text.toString();
  }
}
