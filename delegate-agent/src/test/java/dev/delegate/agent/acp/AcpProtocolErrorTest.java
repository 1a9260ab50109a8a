package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that breaks the protocol fails its turn with the reason and is restarted; it never hangs
 * a worker. The agents here are small shell programs that answer {@code initialize} and {@code
 * session/new} properly and then misbehave in one way each.
 */
class AcpProtocolErrorTest {
  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  /** A shell agent: {@code onPrompt} runs with $id set when a session/prompt arrives. */
  private WorkerPool poolOf(String onPrompt, int version) throws Exception {
    return poolOf(onPrompt, version, ApprovalPolicy.TRUST_ALL);
  }

  private WorkerPool poolOf(String onPrompt, int version, ApprovalPolicy policy) throws Exception {
    String script =
        """
        #!/usr/bin/env bash
        while IFS= read -r line; do
          id=$(printf '%s' "$line" | sed -n 's/.*"id":\\([0-9]*\\).*/\\1/p')
          case "$line" in
            *'"method":"initialize"'*)
              printf '{"jsonrpc":"2.0","id":%s,"result":{"protocolVersion":VERSION}}\\n' "$id" ;;
            *'"method":"session/new"'*)
              printf '{"jsonrpc":"2.0","id":%s,"result":{"sessionId":"s1"}}\\n' "$id" ;;
            *'"method":"session/prompt"'*)
              ON_PROMPT ;;
          esac
        done
        """
            .replace("VERSION", Integer.toString(version))
            .replace("ON_PROMPT", onPrompt);
    Path agent = data.resolve("agent.sh");
    Files.writeString(agent, script);
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
    AgentProfile profile =
        new AgentProfile(
            "shell-acp",
            "shell agent",
            "",
            agent.toString(),
            List.of(),
            Map.of(),
            null,
            new AgentProfile.Startup(AgentProfile.Marker.NEVER, 10_000, List.of()),
            List.of(),
            AgentProfile.Marker.NEVER,
            List.of(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            AgentProfile.Driver.ACP,
            null,
            null);
    SessionContext context =
        new SessionContext(
            policy,
            Clock.systemUTC(),
            SessionContext.agentEnvironment(),
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    pool = new WorkerPool(PoolConfig.defaults(1, data), profile, context).start();
    return pool;
  }

  private TurnResult run(String jobId) throws Exception {
    return pool.submit(new TurnRequest(jobId, "hello", Duration.ofSeconds(30)))
        .get(60, TimeUnit.SECONDS);
  }

  @Test
  void should_fail_the_turn_and_restart_the_agent_when_it_prints_a_line_that_is_not_json()
      throws Exception {
    poolOf("echo 'Thinking... (this is not JSON)'", 1);

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure())
        .hasValueSatisfying(
            f -> assertThat(f).contains("the agent broke the protocol").contains("not JSON"));
    await().until(() -> pool.snapshot().workers().get(0).restarts() == 1);
  }

  @Test
  void should_fail_the_turn_when_the_agent_calls_a_method_delegate_does_not_offer()
      throws Exception {
    poolOf(
        "printf '{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"fs/read_text_file\","
            + "\"params\":{\"sessionId\":\"s1\",\"path\":\"/etc/passwd\"}}\\n'",
        1);

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("fs/read_text_file"));
    await().until(() -> pool.snapshot().workers().get(0).restarts() == 1);
  }

  @Test
  void should_fail_the_turn_when_the_agent_answers_a_request_never_sent() throws Exception {
    poolOf("printf '{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}\\n'", 1);

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("a response to no request"));
  }

  @Test
  void should_fail_the_turn_when_the_stop_reason_is_unknown() throws Exception {
    poolOf(
        "printf '{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"stopReason\":\"tired\"}}\\n' \"$id\"",
        1);

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("'tired'"));
  }

  @Test
  void should_fail_a_turn_the_agent_stops_at_its_token_limit_and_keep_the_session()
      throws Exception {
    poolOf(
        "printf '{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"stopReason\":\"max_tokens\"}}\\n'"
            + " \"$id\"",
        1);

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("token limit"));
    TurnResult next = run("job-2");
    assertThat(next.failure()).hasValueSatisfying(f -> assertThat(f).contains("token limit"));
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_ask_a_person_when_the_agent_stops_by_itself_after_a_denial() throws Exception {
    // as Codex does: a rejected command ends its turn "cancelled"
    poolOf(
        "printf '%s\\n' '{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"session/request_permission\","
            + "\"params\":{\"sessionId\":\"s1\",\"toolCall\":{\"toolCallId\":\"c1\","
            + "\"title\":\"rm -rf build\",\"kind\":\"execute\","
            + "\"rawInput\":{\"command\":\"rm -rf build\"}},\"options\":["
            + "{\"optionId\":\"approved\",\"name\":\"Yes\",\"kind\":\"allow_once\"},"
            + "{\"optionId\":\"abort\",\"name\":\"No\",\"kind\":\"reject_once\"}]}}';"
            + " IFS= read -r answer; echo \"$answer\" > answer.json;"
            + " printf '{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"stopReason\":\"cancelled\"}}\\n'"
            + " \"$id\"",
        1,
        new RuleApprovalPolicy(
            List.of(ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.SHELL)),
            ApprovalVerdict.ALLOW));

    TurnResult result = run("job-1");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(result.question())
        .hasValueSatisfying(
            q -> assertThat(q).contains("shell \"rm -rf build\" was denied", "do instead?"));
    assertThat(result.approvals())
        .singleElement()
        .satisfies(a -> assertThat(a.verdict()).isEqualTo(ApprovalVerdict.DENY));
    assertThat(Files.readString(data.resolve("workers/1/answer.json")))
        .contains("\"optionId\":\"abort\"");
  }

  @Test
  void should_not_start_an_agent_that_speaks_another_protocol_version() throws Exception {
    poolOf("true", 2);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().get(0).restarts() >= 1);
    assertThat(pool.snapshot().workers().get(0).ready()).isFalse();
  }
}
