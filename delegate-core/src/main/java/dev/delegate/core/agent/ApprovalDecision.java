package dev.delegate.core.agent;

import java.util.Objects;

/**
 * A policy's decision and why it was taken.
 *
 * @param reason the rule that matched, or the default, in words a person can check
 */
public record ApprovalDecision(ApprovalVerdict verdict, String reason) {
  public ApprovalDecision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
