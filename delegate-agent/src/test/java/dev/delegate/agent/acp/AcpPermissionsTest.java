package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.ToolKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcpPermissionsTest {
  private static final String OPTIONS =
      """
      [{"optionId":"allow","name":"Always","kind":"allow_always"},
       {"optionId":"allow-once","name":"Yes","kind":"allow_once"},
       {"optionId":"no","name":"No","kind":"reject_once"}]""";

  @TempDir Path workspace;

  private AcpPermissions permissions() {
    return new AcpPermissions(
        new RuleApprovalPolicy(
            List.of(
                ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.SHELL),
                ApprovalRule.kind(ApprovalVerdict.TRUST, ToolKind.WRITE)),
            ApprovalVerdict.DENY),
        workspace);
  }

  private static JsonNode json(String text) throws Exception {
    return AcpConnection.JSON.readTree(text);
  }

  @Test
  void should_answer_allow_once_and_judge_the_call_remembered_from_its_first_announcement()
      throws Exception {
    AcpPermissions permissions = permissions();
    // Claude Code's adapter: the full call first, then a bare one in the request
    permissions.remember(
        json(
            """
            {"toolCallId":"t1","title":"Write notes.md","kind":"edit","status":"pending",
             "locations":[{"path":"%s"}]}"""
                .formatted(workspace.resolve("notes.md"))));

    AcpPermissions.Answer answer =
        permissions.decide(
            json(
                """
                {"sessionId":"s","toolCall":{"toolCallId":"t1","title":"Write notes.md",
                 "rawInput":{}},"options":%s}"""
                    .formatted(OPTIONS)),
            Instant.EPOCH);

    assertThat(answer.outcome().toString())
        .isEqualTo("{\"outcome\":{\"outcome\":\"selected\",\"optionId\":\"allow-once\"}}");
    assertThat(answer.record().kind()).isEqualTo(ToolKind.WRITE);
    assertThat(answer.record().verdict()).isEqualTo(ApprovalVerdict.ALLOW);
    assertThat(answer.record().path()).hasValue(workspace.resolve("notes.md").toString());
  }

  @Test
  void should_reject_once_a_denied_command_given_as_an_argument_list() throws Exception {
    AcpPermissions.Answer answer =
        permissions()
            .decide(
                json(
                    """
                    {"sessionId":"s","toolCall":{"toolCallId":"t2","title":"Run rm",
                     "kind":"execute","rawInput":{"command":["rm","-rf","build"]}},"options":%s}"""
                        .formatted(OPTIONS)),
                Instant.EPOCH);

    assertThat(answer.outcome().path("outcome").path("optionId").asText()).isEqualTo("no");
    assertThat(answer.record().command()).hasValue("rm -rf build");
    assertThat(answer.record().kind()).isEqualTo(ToolKind.SHELL);
    assertThat(answer.record().verdict()).isEqualTo(ApprovalVerdict.DENY);
  }

  @Test
  void should_deny_a_write_outside_the_workspace() throws Exception {
    AcpPermissions.Answer answer =
        new AcpPermissions(new RuleApprovalPolicy(List.of(), ApprovalVerdict.ALLOW), workspace)
            .decide(
                json(
                    """
                    {"sessionId":"s","toolCall":{"toolCallId":"t3","title":"Edit","kind":"edit",
                     "locations":[{"path":"/etc/hosts"}]},"options":%s}"""
                        .formatted(OPTIONS)),
                Instant.EPOCH);

    assertThat(answer.record().verdict()).isEqualTo(ApprovalVerdict.DENY);
    assertThat(answer.outcome().path("outcome").path("optionId").asText()).isEqualTo("no");
  }

  @Test
  void should_answer_cancelled_when_the_agent_offers_no_once_option() throws Exception {
    AcpPermissions.Answer answer =
        permissions()
            .decide(
                json(
                    """
                    {"sessionId":"s","toolCall":{"toolCallId":"t4","title":"Write a.txt",
                     "kind":"edit","locations":[{"path":"a.txt"}]},
                     "options":[{"optionId":"always","name":"Always","kind":"allow_always"}]}"""),
                Instant.EPOCH);

    assertThat(answer.outcome().path("outcome").path("outcome").asText()).isEqualTo("cancelled");
    assertThat(answer.shown()).contains("no allow_once option offered");
  }

  @Test
  void should_use_the_tool_name_kiro_announces() throws Exception {
    AcpPermissions permissions = permissions();
    permissions.toolName("t5", "execute_bash");

    AcpPermissions.Answer answer =
        permissions.decide(
            json(
                """
                {"sessionId":"s","toolCall":{"toolCallId":"t5","title":"ls","kind":"execute",
                 "rawInput":{"command":"ls"}},"options":%s}"""
                    .formatted(OPTIONS)),
            Instant.EPOCH);

    assertThat(answer.record().tool()).hasValue("execute_bash");
  }

  @Test
  void should_map_every_acp_tool_kind() {
    assertThat(
            Map.of(
                "read", AcpPermissions.kind("read"),
                "search", AcpPermissions.kind("search"),
                "edit", AcpPermissions.kind("edit"),
                "delete", AcpPermissions.kind("delete"),
                "move", AcpPermissions.kind("move"),
                "execute", AcpPermissions.kind("execute"),
                "fetch", AcpPermissions.kind("fetch"),
                "think", AcpPermissions.kind("think")))
        .containsEntry("read", ToolKind.READ)
        .containsEntry("search", ToolKind.READ)
        .containsEntry("edit", ToolKind.WRITE)
        .containsEntry("delete", ToolKind.WRITE)
        .containsEntry("move", ToolKind.WRITE)
        .containsEntry("execute", ToolKind.SHELL)
        .containsEntry("fetch", ToolKind.NETWORK)
        .containsEntry("think", ToolKind.OTHER);
  }

  @Test
  void should_redact_secret_values_from_what_is_recorded() {
    Secrets secrets =
        new Secrets(
            Map.of(
                "ANTHROPIC_API_KEY", "sk-ant-0123456789abcdef",
                "GH_TOKEN", "ghp_abcdefghijkl",
                "HOME", "/home/someone-long"));

    assertThat(
            secrets.redact(
                "key sk-ant-0123456789abcdef and ghp_abcdefghijkl in /home/someone-long"))
        .isEqualTo("key [redacted] and [redacted] in /home/someone-long");
  }
}
