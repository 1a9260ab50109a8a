package dev.delegate.core.agent;

import java.util.List;

/** Rules in order, first match wins; when none matches, the fallback verdict applies. */
public final class RuleApprovalPolicy implements ApprovalPolicy {
  private final List<ApprovalRule> rules;
  private final ApprovalVerdict fallback;

  public RuleApprovalPolicy(List<ApprovalRule> rules, ApprovalVerdict fallback) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
  }

  @Override
  public ApprovalDecision decide(ApprovalRequest request) {
    for (ApprovalRule rule : rules) {
      if (rule.matches(request)) {
        return new ApprovalDecision(rule.verdict(), "rule: " + rule.describe());
      }
    }
    return new ApprovalDecision(fallback, "default: " + fallback.name().toLowerCase());
  }

  public List<ApprovalRule> rules() {
    return rules;
  }
}
