package dev.delegate.core.agent;

/** Decides each approval prompt an agent shows. Implementations must be thread-safe. */
@FunctionalInterface
public interface ApprovalPolicy {

  /** The seed's behaviour: trust every tool. */
  ApprovalPolicy TRUST_ALL =
      request -> new ApprovalDecision(ApprovalVerdict.TRUST, "default: trust");

  ApprovalDecision decide(ApprovalRequest request);
}
