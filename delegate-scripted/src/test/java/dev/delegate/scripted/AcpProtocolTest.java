package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted agent's ACP mode: JSON-RPC handshake, sessions, errors and prompts. */
class AcpProtocolTest {
  @TempDir Path tmp;
  Path work;
  Path scenarios;

  @BeforeEach
  void dirs() throws Exception {
    work = Files.createDirectories(tmp.resolve("work"));
    scenarios = Files.createDirectories(tmp.resolve("scenarios"));
  }

  private static Map<String, Object> error(Map<String, Object> response) {
    return Json.asObject(response.get("error"));
  }

  private static Map<String, Object> result(Map<String, Object> response) {
    return Json.asObject(response.get("result"));
  }

  @Test
  void should_refuse_requests_before_initialize_then_describe_itself() throws Exception {
    try (AcpClient agent = AcpClient.start(work)) {
      Map<String, Object> early =
          agent.awaitResponse(agent.request("session/new", Json.object("cwd", work.toString())));
      assertThat(error(early))
          .containsEntry("code", -32600L)
          .containsEntry("message", "not initialized");

      Map<String, Object> init =
          agent.call(
              "initialize", Json.object("protocolVersion", 1L, "clientCapabilities", Map.of()));
      assertThat(init).containsEntry("protocolVersion", 1L).containsEntry("authMethods", List.of());
      assertThat(Json.asObject(init.get("agentCapabilities"))).containsEntry("loadSession", false);
      assertThat(Json.asObject(init.get("agentInfo")))
          .containsEntry("name", "scripted-agent")
          .containsEntry("version", Version.get());
    }
  }

  @Test
  void should_open_a_kiro_session_with_models_and_the_clear_command() throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      Map<String, Object> relative =
          agent.awaitResponse(agent.request("session/new", Json.object("cwd", "relative/dir")));
      assertThat(error(relative)).containsEntry("code", -32602L);

      Map<String, Object> session =
          agent.call("session/new", Json.object("cwd", work.toString(), "mcpServers", List.of()));
      assertThat(session).containsEntry("sessionId", "sess-1");
      assertThat(Json.asObject(session.get("models")))
          .containsEntry("currentModelId", "scripted-fast");
      Map<String, Object> commands =
          agent.awaitMessage(m -> "_kiro.dev/commands/available".equals(m.get("method")));
      assertThat(Json.write(commands)).contains("\"name\":\"/clear\"").contains("sess-1");

      assertThat(
              agent.call(
                  "session/set_model",
                  Json.object("sessionId", "sess-1", "modelId", "scripted-smart")))
          .isEmpty();
      Map<String, Object> unknown =
          agent.awaitResponse(
              agent.request(
                  "session/set_model", Json.object("sessionId", "sess-1", "modelId", "gpt")));
      assertThat(error(unknown)).containsEntry("code", -32602L);
      assertThat((String) error(unknown).get("message"))
          .contains("scripted-fast", "scripted-smart");
    }
  }

  @Test
  void should_send_only_standard_acp_in_the_plain_flavor() throws Exception {
    Files.writeString(scenarios.resolve("hi.scenario"), "match hi\nsay hello\n");
    try (AcpClient agent =
        AcpClient.ready(work, "--flavor", "plain", "--scenarios", scenarios.toString())) {
      Map<String, Object> session =
          agent.call("session/new", Json.object("cwd", work.toString(), "mcpServers", List.of()));
      assertThat(session).containsOnlyKeys("sessionId");
      Map<String, Object> setModel =
          agent.awaitResponse(
              agent.request(
                  "session/set_model",
                  Json.object("sessionId", "sess-1", "modelId", "scripted-fast")));
      assertThat(error(setModel)).containsEntry("code", -32601L);
      assertThat(result(agent.awaitResponse(agent.prompt("sess-1", "hi"))))
          .containsEntry("stopReason", "end_turn");
      assertThat(agent.updates("sess-1", "usage_update")).hasSize(1);
      for (Map<String, Object> message : agent.messages()) {
        assertThat(String.valueOf(message.get("method"))).doesNotStartWith("_kiro.dev/");
      }
    }
  }

  @Test
  void should_answer_bad_json_unknown_methods_and_unknown_sessions_with_errors() throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      agent.sendLine("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":");
      Map<String, Object> parse =
          agent.awaitMessage(m -> m.containsKey("error") && m.get("id") == null);
      assertThat(error(parse)).containsEntry("code", -32700L);
      assertThat((String) error(parse).get("message")).contains("bad JSON at offset");

      agent.sendLine("[1]");
      Map<String, Object> notObject =
          agent.awaitMessage(m -> m.containsKey("error") && m.get("id") == null && m != parse);
      assertThat(error(notObject)).containsEntry("code", -32600L);

      agent.notify("_unknown/notification", Json.object());
      Map<String, Object> unknown = agent.awaitResponse(agent.request("foo/bar", Json.object()));
      assertThat(error(unknown))
          .containsEntry("code", -32601L)
          .containsEntry("message", "Method not found: foo/bar");

      Map<String, Object> noSession = agent.awaitResponse(agent.prompt("sess-9", "hello"));
      assertThat(error(noSession)).containsEntry("code", -32602L);
    }
  }

  @Test
  void should_refuse_a_second_prompt_while_one_runs_and_stop_a_think_on_cancel() throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      String session = agent.newSession(work);
      long first = agent.prompt(session, "scenario:think-30");
      agent.awaitMessage(m -> Json.write(m).contains("agent_thought_chunk"));
      Map<String, Object> second = agent.awaitResponse(agent.prompt(session, "hello"));
      assertThat(error(second)).containsEntry("code", -32600L);

      long cancelled = System.nanoTime();
      agent.notify("session/cancel", Json.object("sessionId", session));
      Map<String, Object> response = agent.awaitResponse(first);
      assertThat(result(response)).containsEntry("stopReason", "cancelled");
      assertThat((System.nanoTime() - cancelled) / 1_000_000L).isLessThan(10_000L);
      assertThat(agent.events()).containsExactly("PROMPT scenario:think-30", "INTERRUPT");
    }
  }

  @Test
  void should_resume_the_scenario_after_an_ask_with_the_next_prompt_as_the_answer()
      throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      String session = agent.newSession(work);
      assertThat(result(agent.awaitResponse(agent.prompt(session, "scenario:question"))))
          .containsEntry("stopReason", "end_turn");
      assertThat(agent.agentText(session)).endsWith("Which colour should the button be?\n");
      assertThat(result(agent.awaitResponse(agent.prompt(session, "blue"))))
          .containsEntry("stopReason", "end_turn");
      assertThat(agent.agentText(session)).contains("You said: blue\n", "button blue.");
      assertThat(agent.events()).containsExactly("PROMPT scenario:question", "ANSWER blue");
    }
  }

  @Test
  void should_keep_each_sessions_conversation_and_directory_apart() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(
        scenarios.resolve("where.scenario"), "match where\nsay turn ${turn}\nrun pwd\n");
    try (AcpClient agent =
        AcpClient.ready(work, "--trust-all-tools", "--scenarios", scenarios.toString())) {
      String one = agent.newSession(work);
      String two = agent.newSession(other);
      assertThat(two).isNotEqualTo(one);
      agent.awaitResponse(agent.prompt(one, "where"));
      agent.awaitResponse(agent.prompt(one, "where"));
      agent.awaitResponse(agent.prompt(two, "where"));
      assertThat(agent.agentText(one)).isEqualTo("turn 1\nturn 2\n");
      assertThat(agent.agentText(two)).isEqualTo("turn 1\n");
      assertThat(Json.write(agent.updates(one, "tool_call_update")))
          .contains(work.toRealPath().toString());
      assertThat(Json.write(agent.updates(two, "tool_call_update")))
          .contains(other.toRealPath().toString());

      agent.awaitResponse(agent.prompt(one, "/clear"));
      agent.awaitResponse(agent.prompt(one, "where"));
      assertThat(agent.agentText(one)).endsWith("Conversation cleared.\nturn 1\n");
    }
  }

  @Test
  void should_play_prompts_of_many_sessions_at_once() throws Exception {
    Files.writeString(
        scenarios.resolve("note.scenario"),
        "match note (\\d+)\nthink 0.2\nwrite note-${1}.txt <<EOF\n${1}\nEOF\nreply noted ${1}\n");
    int count = 8;
    try (AcpClient agent =
        AcpClient.ready(work, "--trust-all-tools", "--scenarios", scenarios.toString())) {
      String[] sessions = new String[count];
      long[] prompts = new long[count];
      for (int i = 0; i < count; i++) {
        sessions[i] = agent.newSession(work);
      }
      for (int i = 0; i < count; i++) {
        prompts[i] = agent.prompt(sessions[i], "note " + i);
      }
      for (int i = 0; i < count; i++) {
        assertThat(result(agent.awaitResponse(prompts[i]))).containsEntry("stopReason", "end_turn");
        assertThat(agent.agentText(sessions[i])).isEqualTo("noted " + i + "\n");
        assertThat(work.resolve("note-" + i + ".txt")).hasContent(Integer.toString(i));
      }
    }
  }

  @Test
  void should_flood_agent_text_in_chunks() throws Exception {
    Files.writeString(scenarios.resolve("flood.scenario"), "match flood\nflood 200K\nsay end\n");
    try (AcpClient agent = AcpClient.ready(work, "--scenarios", scenarios.toString())) {
      String session = agent.newSession(work);
      agent.awaitResponse(agent.prompt(session, "flood"));
      assertThat(agent.updates(session, "agent_message_chunk")).hasSizeGreaterThan(3);
      String text = agent.agentText(session);
      assertThat(text.length()).isBetween(200 * 1024, 201 * 1024);
      assertThat(text).startsWith("flood 0000001 the quick").endsWith("dog\nend\n");
    }
  }

  @Test
  void should_answer_nothing_more_after_a_hang() throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      String session = agent.newSession(work);
      agent.prompt(session, "scenario:hang");
      agent.awaitMessage(m -> Json.write(m).contains("never finish"));
      int seen = agent.count();
      agent.request("foo/bar", Json.object());
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(2))
          .until(() -> agent.count() == seen);
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void should_exit_with_the_crash_code_and_with_0_at_the_end_of_input() throws Exception {
    try (AcpClient agent = AcpClient.ready(work)) {
      agent.prompt(agent.newSession(work), "scenario:crash");
      assertThat(agent.awaitExit()).isEqualTo(3);
      assertThat(agent.stderr()).contains("panic: scripted crash (exit code 3)");
    }
    try (AcpClient agent = AcpClient.ready(work)) {
      agent.closeInput();
      assertThat(agent.awaitExit()).isZero();
      assertThat(agent.events()).endsWith("EXIT 0");
    }
  }

  @Test
  void should_print_its_version_in_both_modes() throws Exception {
    for (List<String> args : List.of(List.of("--version"), List.of("--acp", "--version"))) {
      Process process =
          new ProcessBuilder(ScriptedAgentCommand.command(args)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).strip();
      assertThat(process.waitFor()).isZero();
      assertThat(output).isEqualTo("scripted-agent " + Version.get());
    }
    assertThat(Version.get()).isNotEqualTo(Version.FALLBACK).doesNotContain("${");
  }
}
