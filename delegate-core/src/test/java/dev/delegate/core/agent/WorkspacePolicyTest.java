package dev.delegate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePolicyTest {
  @TempDir Path temp;

  private final RuleApprovalPolicy trusting =
      new RuleApprovalPolicy(List.of(), ApprovalVerdict.TRUST);

  @Test
  void should_allow_paths_and_commands_inside_the_workspace_once_not_trust_the_tool()
      throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    ApprovalDecision inside = decide(write(workspace, "apps/app.js"));
    assertThat(inside.verdict()).isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(inside.reason()).startsWith("default: trust").contains("allowed once");
    assertThat(decide(write(workspace, workspace.resolve("a/b.txt").toString())).verdict())
        .isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(decide(shell(workspace, "npm test && cat ./src/x.js 2>/dev/null")).verdict())
        .isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(decide(shell(workspace, "/usr/bin/env node app.js")).verdict())
        .isEqualTo(ApprovalVerdict.ALLOW);
  }

  @Test
  void should_keep_trust_only_when_nothing_could_be_denied_later() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    RuleApprovalPolicy blanket = new RuleApprovalPolicy(List.of(), ApprovalVerdict.TRUST, false);
    assertThat(blanket.decide(write(workspace, "a.txt")).verdict())
        .isEqualTo(ApprovalVerdict.TRUST);

    RuleApprovalPolicy denyingRule =
        new RuleApprovalPolicy(
            List.of(ApprovalRule.path(ApprovalVerdict.DENY, "^/etc/")),
            ApprovalVerdict.TRUST,
            false);
    assertThat(denyingRule.decide(write(workspace, "a.txt")).verdict())
        .isEqualTo(ApprovalVerdict.ALLOW);
  }

  @Test
  void should_deny_a_file_outside_the_workspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    ApprovalDecision absolute = decide(write(workspace, "/etc/passwd"));
    assertThat(absolute.verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(absolute.reason()).isEqualTo("outside the workspace: /etc/passwd");
    assertThat(decide(write(workspace, "../ws2/x")).verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(decide(write(workspace, "~/.bashrc")).verdict()).isEqualTo(ApprovalVerdict.DENY);
  }

  @Test
  void should_deny_a_write_whose_prompt_shows_no_path_while_the_guard_is_on() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    ApprovalRequest unseen =
        new ApprovalRequest(
            Optional.of("Write"),
            Optional.empty(),
            "Do you want to create notes.txt?",
            ToolKind.WRITE,
            Optional.empty(),
            Optional.of(workspace));

    ApprovalDecision decision = decide(unseen);

    assertThat(decision.verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(decision.reason()).contains(WorkspaceGuard.UNSEEN_PATH);
    RuleApprovalPolicy unguarded = new RuleApprovalPolicy(List.of(), ApprovalVerdict.TRUST, false);
    assertThat(unguarded.decide(unseen).verdict()).isEqualTo(ApprovalVerdict.TRUST);
  }

  @Test
  void should_deny_a_shell_command_naming_a_path_outside_the_workspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    for (String command :
        List.of(
            "touch /tmp/outside.txt",
            "cd .. && rm -rf ws",
            "cat ~/.ssh/id_rsa",
            "echo x >" + temp.resolve("elsewhere"),
            "cp a.txt --target-directory=/root")) {
      assertThat(decide(shell(workspace, command)).verdict())
          .as(command)
          .isEqualTo(ApprovalVerdict.DENY);
    }
  }

  @Test
  void should_follow_symbolic_links_out_of_the_workspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    Path outside = Files.createDirectories(temp.resolve("secret"));
    Files.createSymbolicLink(workspace.resolve("link"), outside);
    assertThat(decide(write(workspace, "link/key.pem")).verdict()).isEqualTo(ApprovalVerdict.DENY);
  }

  @Test
  void should_let_an_explicit_rule_allow_a_path_outside() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    RuleApprovalPolicy policy =
        new RuleApprovalPolicy(
            List.of(ApprovalRule.path(ApprovalVerdict.ALLOW, "^/tmp/cache/")),
            ApprovalVerdict.TRUST);
    assertThat(policy.decide(write(workspace, "/tmp/cache/x")).verdict())
        .isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(policy.decide(write(workspace, "/tmp/other")).verdict())
        .isEqualTo(ApprovalVerdict.DENY);
  }

  @Test
  void should_not_guard_when_workspace_only_is_off() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    RuleApprovalPolicy open = new RuleApprovalPolicy(List.of(), ApprovalVerdict.TRUST, false);
    assertThat(open.decide(write(workspace, "/etc/hosts")).verdict())
        .isEqualTo(ApprovalVerdict.TRUST);
  }

  @Test
  void should_match_rules_by_kind_and_by_path() {
    RuleApprovalPolicy policy =
        new RuleApprovalPolicy(
            List.of(
                ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.NETWORK),
                ApprovalRule.path(ApprovalVerdict.DENY, "\\.env$"),
                ApprovalRule.kind(ApprovalVerdict.ALLOW, ToolKind.READ)),
            ApprovalVerdict.TRUST);
    ApprovalRequest fetch = new ApprovalRequest(Optional.of("web_fetch"), Optional.empty(), "?");
    assertThat(fetch.kind()).isEqualTo(ToolKind.NETWORK);
    assertThat(policy.decide(fetch).reason()).isEqualTo("rule: deny kind=network");
    ApprovalRequest env =
        new ApprovalRequest(
            Optional.of("fs_write"),
            Optional.empty(),
            "?",
            null,
            Optional.of("config/.env"),
            Optional.empty());
    assertThat(policy.decide(env).verdict()).isEqualTo(ApprovalVerdict.DENY);
    ApprovalRequest read = new ApprovalRequest(Optional.of("fs_read"), Optional.empty(), "?");
    assertThat(policy.decide(read).verdict()).isEqualTo(ApprovalVerdict.ALLOW);
  }

  @Test
  void should_guess_kinds_from_the_tool_names_agents_use() {
    assertThat(ToolKind.guess("execute_bash")).isEqualTo(ToolKind.SHELL);
    assertThat(ToolKind.guess("Bash")).isEqualTo(ToolKind.SHELL);
    assertThat(ToolKind.guess("fs_write")).isEqualTo(ToolKind.WRITE);
    assertThat(ToolKind.guess("Edit")).isEqualTo(ToolKind.WRITE);
    assertThat(ToolKind.guess("apply_patch")).isEqualTo(ToolKind.WRITE);
    assertThat(ToolKind.guess("fs_read")).isEqualTo(ToolKind.READ);
    assertThat(ToolKind.guess("WebFetch")).isEqualTo(ToolKind.NETWORK);
    assertThat(ToolKind.guess("use_aws")).isEqualTo(ToolKind.OTHER);
    assertThat(ToolKind.guess(null)).isEqualTo(ToolKind.OTHER);
  }

  private ApprovalDecision decide(ApprovalRequest request) {
    return trusting.decide(request);
  }

  private static ApprovalRequest write(Path workspace, String path) {
    return new ApprovalRequest(
        Optional.of("fs_write"),
        Optional.of(path),
        "Allow this action?",
        ToolKind.WRITE,
        Optional.of(path),
        Optional.of(workspace));
  }

  private static ApprovalRequest shell(Path workspace, String command) {
    return new ApprovalRequest(
        Optional.of("execute_bash"),
        Optional.of(command),
        "Allow this action?",
        ToolKind.SHELL,
        Optional.empty(),
        Optional.of(workspace));
  }
}
