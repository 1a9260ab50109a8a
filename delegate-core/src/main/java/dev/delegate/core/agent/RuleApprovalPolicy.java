package dev.delegate.core.agent;

import java.util.List;
import java.util.Optional;

/**
 * Rules in order, first match wins. When none matches, a request that names a path outside the
 * job's workspace ({@link WorkspaceGuard}) is denied unless {@code workspaceOnly} is off; then the
 * fallback verdict applies. A rule can therefore still allow a path outside, on purpose.
 *
 * <p>{@link ApprovalVerdict#TRUST} makes the agent stop asking about the tool for the rest of the
 * session, so no later action of that tool would be decided here. While the guard is on or a rule
 * can deny, a trust verdict is therefore answered as allow-once: a guard that its own first answer
 * could switch off would be no guard. Blanket trust (no deny rule, guard off) stays trust.
 */
public final class RuleApprovalPolicy implements ApprovalPolicy {
  private final List<ApprovalRule> rules;
  private final ApprovalVerdict fallback;
  private final boolean workspaceOnly;
  private final boolean canDeny;

  public RuleApprovalPolicy(
      List<ApprovalRule> rules, ApprovalVerdict fallback, boolean workspaceOnly) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
    this.workspaceOnly = workspaceOnly;
    this.canDeny =
        workspaceOnly || rules.stream().anyMatch(r -> r.verdict() == ApprovalVerdict.DENY);
  }

  /** Rules and a fallback; paths outside the workspace are denied. */
  public RuleApprovalPolicy(List<ApprovalRule> rules, ApprovalVerdict fallback) {
    this(rules, fallback, true);
  }

  @Override
  public ApprovalDecision decide(ApprovalRequest request) {
    for (ApprovalRule rule : rules) {
      if (rule.matches(request)) {
        return keepGuard(new ApprovalDecision(rule.verdict(), "rule: " + rule.describe()));
      }
    }
    if (workspaceOnly) {
      Optional<String> outside = WorkspaceGuard.outside(request);
      if (outside.isPresent()) {
        return new ApprovalDecision(
            ApprovalVerdict.DENY, "outside the workspace: " + outside.get());
      }
    }
    return keepGuard(
        new ApprovalDecision(
            fallback, "default: " + fallback.name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Trust answered as allow-once while a later action could still be denied. */
  private ApprovalDecision keepGuard(ApprovalDecision decision) {
    if (decision.verdict() != ApprovalVerdict.TRUST || !canDeny) {
      return decision;
    }
    return new ApprovalDecision(
        ApprovalVerdict.ALLOW,
        decision.reason()
            + " (allowed once: trusting the tool would stop its later actions from"
            + " being checked)");
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
