package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACP tool calls: permission requests, their answers, and what reaches the disk or the shell. */
class AcpPermissionTest {
  @TempDir Path tmp;
  Path work;
  Path scenarios;

  @BeforeEach
  void dirs() throws Exception {
    work = Files.createDirectories(tmp.resolve("work")).toRealPath();
    scenarios = Files.createDirectories(tmp.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("write.scenario"),
        """
        match write (\\w+)
        write out/${1}.txt <<EOF
        hello ${1}
        EOF
        reply done
        """);
    Files.writeString(
        scenarios.resolve("edit.scenario"),
        "match edit-it\nedit out/a.txt\nfind hello\nreplace bye\n");
    Files.writeString(
        scenarios.resolve("run.scenario"), "match run-it\nrun echo ran > ran.txt; echo out\n");
  }

  private AcpClient agent() throws Exception {
    return AcpClient.ready(work, "--scenarios", scenarios.toString());
  }

  private static Map<String, Object> params(Map<String, Object> message) {
    return Json.asObject(message.get("params"));
  }

  private static String stopReason(Map<String, Object> response) {
    return (String) Json.asObject(response.get("result")).get("stopReason");
  }

  @Test
  void should_write_after_allow_once_and_report_the_diff_and_usage() throws Exception {
    try (AcpClient agent = agent()) {
      String session = agent.newSession(work);
      long prompt = agent.prompt(session, "write a");
      Map<String, Object> ask = agent.awaitPermission(0);
      Map<String, Object> toolCall = Json.asObject(params(ask).get("toolCall"));
      assertThat(toolCall)
          .containsEntry("toolCallId", "call-1")
          .containsEntry("title", "Writing out/a.txt")
          .containsEntry("kind", "edit")
          .containsEntry(
              "locations", List.of(Map.of("path", work.resolve("out/a.txt").toString())));
      assertThat(params(ask).get("sessionId")).isEqualTo(session);
      assertThat(Json.write(params(ask).get("options")))
          .contains("allow_once", "allow_always", "reject_once");
      assertThat(ask.get("id")).isEqualTo(0L);
      assertThat(work.resolve("out/a.txt")).doesNotExist();

      agent.answer(ask.get("id"), "allow_once");
      Map<String, Object> response = agent.awaitResponse(prompt);
      assertThat(stopReason(response)).isEqualTo("end_turn");
      assertThat(work.resolve("out/a.txt")).hasContent("hello a");
      Map<String, Object> done = agent.updates(session, "tool_call_update").get(0);
      assertThat(done).containsEntry("status", "completed");
      Map<String, Object> diff = Json.asObject(Json.asList(done.get("content")).get(0));
      assertThat(diff)
          .containsEntry("type", "diff")
          .containsEntry("path", work.resolve("out/a.txt").toString())
          .containsEntry("oldText", null)
          .containsEntry("newText", "hello a\n");
      Map<String, Object> usage = Json.asObject(Json.asObject(response.get("result")).get("usage"));
      assertThat(usage).containsEntry("inputTokens", 2L).containsEntry("outputTokens", 2L);
      assertThat(usage).containsEntry("totalTokens", 4L);
      assertThat(agent.events()).containsExactly("PROMPT write a", "APPROVAL fs_write y");
    }
  }

  @Test
  void should_edit_and_report_old_and_new_text() throws Exception {
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/a.txt"), "hello world\n");
    try (AcpClient agent =
        AcpClient.ready(work, "--trust-all-tools", "--scenarios", scenarios.toString())) {
      String session = agent.newSession(work);
      agent.awaitResponse(agent.prompt(session, "edit-it"));
      assertThat(work.resolve("out/a.txt")).hasContent("bye world");
      assertThat(agent.notifications("session/request_permission")).isEmpty();
      assertThat(Json.write(agent.updates(session, "tool_call_update").get(0)))
          .contains("\"oldText\":\"hello world\\n\"", "\"newText\":\"bye world\\n\"");
    }
  }

  @Test
  void should_read_without_asking_and_fail_a_missing_file() throws Exception {
    Files.writeString(work.resolve("TASK.md"), "task");
    Files.writeString(
        scenarios.resolve("read.scenario"), "match read-them\nread TASK.md\nread nope.md\n");
    try (AcpClient agent = agent()) {
      String session = agent.newSession(work);
      agent.awaitResponse(agent.prompt(session, "read-them"));
      assertThat(agent.notifications("session/request_permission")).isEmpty();
      Map<String, Object> call = agent.updates(session, "tool_call").get(0);
      assertThat(call)
          .containsEntry("title", "Reading TASK.md")
          .containsEntry("kind", "read")
          .containsEntry("status", "in_progress")
          .containsEntry("locations", List.of(Map.of("path", work.resolve("TASK.md").toString())));
      List<Map<String, Object>> done = agent.updates(session, "tool_call_update");
      assertThat(done.get(0))
          .containsEntry("toolCallId", "call-1")
          .containsEntry("status", "completed");
      assertThat(done.get(1))
          .containsEntry("toolCallId", "call-2")
          .containsEntry("status", "failed");
      assertThat(Json.write(done.get(1))).contains("File not found: nope.md");
    }
  }

  @Test
  void should_not_write_after_reject_once() throws Exception {
    try (AcpClient agent = agent()) {
      String session = agent.newSession(work);
      long prompt = agent.prompt(session, "write b");
      agent.answer(agent.awaitPermission(0).get("id"), "reject_once");
      assertThat(stopReason(agent.awaitResponse(prompt))).isEqualTo("end_turn");
      assertThat(work.resolve("out/b.txt")).doesNotExist();
      assertThat(agent.updates(session, "tool_call_update").get(0))
          .containsEntry("status", "failed");
      assertThat(agent.agentText(session)).contains("Permission denied: fs_write");
      assertThat(agent.events()).containsExactly("PROMPT write b", "APPROVAL fs_write n");
    }
  }

  @Test
  void should_trust_a_tool_after_allow_always_in_that_session_only() throws Exception {
    try (AcpClient agent = agent()) {
      String first = agent.newSession(work);
      long prompt = agent.prompt(first, "write c");
      agent.answer(agent.awaitPermission(0).get("id"), "allow_always");
      agent.awaitResponse(prompt);
      agent.awaitResponse(agent.prompt(first, "write d"));
      assertThat(work.resolve("out/d.txt")).exists();
      assertThat(agent.notifications("session/request_permission")).hasSize(1);

      String second = agent.newSession(work);
      int mark = agent.count();
      long again = agent.prompt(second, "write e");
      Map<String, Object> asked = agent.awaitPermission(mark);
      assertThat(asked.get("id")).isEqualTo(1L);
      agent.answer(asked.get("id"), "allow_once");
      agent.awaitResponse(again);
      assertThat(work.resolve("out/e.txt")).exists();
    }
  }

  @Test
  void should_not_run_a_denied_command_and_run_an_allowed_one_in_the_session_directory()
      throws Exception {
    try (AcpClient agent = agent()) {
      String session = agent.newSession(work);
      long denied = agent.prompt(session, "run-it");
      Map<String, Object> ask = agent.awaitPermission(0);
      assertThat(Json.asObject(params(ask).get("toolCall")))
          .containsEntry("kind", "execute")
          .containsEntry("title", "echo ran > ran.txt; echo out")
          .doesNotContainKey("locations");
      agent.answer(ask.get("id"), "reject_once");
      agent.awaitResponse(denied);
      assertThat(work.resolve("ran.txt")).doesNotExist();

      int mark = agent.count();
      long allowed = agent.prompt(session, "run-it");
      agent.answer(agent.awaitPermission(mark).get("id"), "allow_once");
      agent.awaitResponse(allowed);
      assertThat(work.resolve("ran.txt")).hasContent("ran");
      Map<String, Object> update = agent.updates(session, "tool_call_update").get(1);
      assertThat(update).containsEntry("status", "completed");
      assertThat(Json.write(update.get("content"))).contains("\"text\":\"out\\n\"");
    }
  }

  @Test
  void should_end_the_turn_cancelled_when_cancelled_with_a_pending_permission() throws Exception {
    try (AcpClient agent = agent()) {
      String session = agent.newSession(work);
      long prompt = agent.prompt(session, "write f");
      agent.awaitPermission(0);
      agent.notify("session/cancel", Json.object("sessionId", session));
      assertThat(stopReason(agent.awaitResponse(prompt))).isEqualTo("cancelled");
      assertThat(work.resolve("out/f.txt")).doesNotExist();

      int mark = agent.count();
      long next = agent.prompt(session, "write g");
      Map<String, Object> ask = agent.awaitPermission(mark);
      agent.send(
          Json.object(
              "id",
              ask.get("id"),
              "result",
              Json.object("outcome", Json.object("outcome", "cancelled"))));
      assertThat(stopReason(agent.awaitResponse(next))).isEqualTo("cancelled");
      assertThat(work.resolve("out/g.txt")).doesNotExist();
    }
  }
}
