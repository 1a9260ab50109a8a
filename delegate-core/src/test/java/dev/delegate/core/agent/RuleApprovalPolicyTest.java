package dev.delegate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleApprovalPolicyTest {
  private final RuleApprovalPolicy policy =
      new RuleApprovalPolicy(
          List.of(
              ApprovalRule.tool(ApprovalVerdict.DENY, "execute_bash"),
              ApprovalRule.command(ApprovalVerdict.DENY, "rm -rf")),
          ApprovalVerdict.TRUST);

  @Test
  void should_allow_once_by_default_while_a_rule_could_deny_a_later_action() {
    ApprovalDecision decision = policy.decide(request("fs_write", "apps/app.js"));
    assertThat(decision.verdict()).isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(decision.reason()).startsWith("default: trust (allowed once");
  }

  @Test
  void should_trust_by_default_as_the_seed_did_when_nothing_can_be_denied() {
    RuleApprovalPolicy seed = new RuleApprovalPolicy(List.of(), ApprovalVerdict.TRUST, false);
    ApprovalDecision decision = seed.decide(request("fs_write", "apps/app.js"));
    assertThat(decision.verdict()).isEqualTo(ApprovalVerdict.TRUST);
    assertThat(decision.reason()).isEqualTo("default: trust");
  }

  @Test
  void should_deny_by_tool_name_whatever_its_case() {
    ApprovalDecision decision = policy.decide(request("Execute_Bash", "ls"));
    assertThat(decision.verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(decision.reason()).isEqualTo("rule: deny tool=execute_bash");
  }

  @Test
  void should_deny_by_command_pattern_found_anywhere_in_the_command() {
    ApprovalDecision decision = policy.decide(request("fs_write", "sudo rm -rf /tmp/x"));
    assertThat(decision.verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(decision.reason()).contains("command~/rm -rf/");
  }

  @Test
  void should_not_match_a_command_rule_when_no_command_was_shown() {
    ApprovalRequest noCommand = new ApprovalRequest(Optional.of("fs_write"), Optional.empty(), "?");
    assertThat(policy.decide(noCommand).verdict()).isEqualTo(ApprovalVerdict.ALLOW);
  }

  private static ApprovalRequest request(String tool, String command) {
    return new ApprovalRequest(Optional.of(tool), Optional.of(command), "Allow this action?");
  }
}
