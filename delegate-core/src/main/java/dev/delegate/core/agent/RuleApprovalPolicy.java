package dev.delegate.core.agent;

import java.util.List;
import java.util.Optional;

/**
 * Rules in order, first match wins. When none matches, a request that names a path outside the
 * job's workspace ({@link WorkspaceGuard}) is denied unless {@code workspaceOnly} is off; then the
 * fallback verdict applies. A rule can therefore still allow a path outside, on purpose.
 */
public final class RuleApprovalPolicy implements ApprovalPolicy {
  private final List<ApprovalRule> rules;
  private final ApprovalVerdict fallback;
  private final boolean workspaceOnly;

  public RuleApprovalPolicy(
      List<ApprovalRule> rules, ApprovalVerdict fallback, boolean workspaceOnly) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
    this.workspaceOnly = workspaceOnly;
  }

  /** Rules and a fallback; paths outside the workspace are denied. */
  public RuleApprovalPolicy(List<ApprovalRule> rules, ApprovalVerdict fallback) {
    this(rules, fallback, true);
  }

  @Override
  public ApprovalDecision decide(ApprovalRequest request) {
    for (ApprovalRule rule : rules) {
      if (rule.matches(request)) {
        return new ApprovalDecision(rule.verdict(), "rule: " + rule.describe());
      }
    }
    if (workspaceOnly) {
      Optional<String> outside = WorkspaceGuard.outside(request);
      if (outside.isPresent()) {
        return new ApprovalDecision(
            ApprovalVerdict.DENY, "outside the workspace: " + outside.get());
      }
    }
    return new ApprovalDecision(fallback, "default: " + fallback.name().toLowerCase());
  }

  public List<ApprovalRule> rules() {
    return rules;
  }

  public ApprovalVerdict fallback() {
    return fallback;
  }

  public boolean workspaceOnly() {
    return workspaceOnly;
  }
}
