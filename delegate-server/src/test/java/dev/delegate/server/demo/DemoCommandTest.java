package dev.delegate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.launch.DelegateProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private static final String STEP = "\\[ +\\d+\\.\\d\\d s\\] .+";

  @TempDir Path data;

  @Test
  void should_run_the_example_through_the_pipeline_and_exit_0() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    int code = new CommandLine(demo).execute("--data-dir", data.toString());

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out)
        .containsPattern("branch: feature/add-export-button-\\d{13}")
        .contains("pull request #1: http://127.0.0.1:", "/prs/local/sample-app/1")
        .contains("served only while the demo runs; --keep serves it until Ctrl-C")
        .containsPattern("\\] job RUNNING\\n")
        .contains("+++ b/TASK.md", "export-button")
        .contains("- Acceptance criteria: 3 of 3 acceptance criteria met")
        .contains("- [x] Button appears in header — **met**")
        .contains(
            "- [x] CHANGELOG.md mentions the export — **met** (`grep -in export CHANGELOG.md`")
        .contains("+++ b/CHANGELOG.md");
    assertThat(out.strip()).endsWith("bin/delegate demo --keep serves it until Ctrl-C.");
  }

  @Test
  void should_run_the_example_through_the_agent_client_protocol() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    int code =
        new CommandLine(demo).execute("--agent", "scripted-acp", "--data-dir", data.toString());

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out)
        .contains("agent: scripted-acp")
        .containsPattern("\\] job COMMITTING\\n")
        .contains("+++ b/apps/frontend/public/app.js", "export-button");
  }

  @Test
  void should_print_each_steps_time_once_as_it_ends_and_the_same_in_the_summary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    int code = new CommandLine(demo).execute("--data-dir", data.toString());

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    List<String> lines = out.lines().toList();
    int summary = lines.indexOf("--- timings ---");
    assertThat(summary).as(out).isPositive();
    List<String> asTheyEnded =
        lines.subList(0, summary).stream().filter(l -> l.matches(STEP)).toList();
    List<String> summed =
        lines.subList(summary + 1, lines.size()).stream().filter(l -> l.matches(STEP)).toList();
    assertThat(asTheyEnded)
        .extracting(l -> l.replaceFirst("^\\[[^]]*\\] ", ""))
        .containsExactly(
            "api, processor and pool started",
            "agent session ready",
            "POST /api/delegate/personal: branch, TASK.md, pull request, job queued",
            "job QUEUED",
            "job PREPARING",
            "job RUNNING",
            "job COMMITTING");
    assertThat(summed.subList(0, summed.size() - 1)).isEqualTo(asTheyEnded);
    assertThat(summed.getLast()).matches("\\[ +\\d+\\.\\d\\d s\\] total");
  }

  @Test
  void should_keep_serving_the_pull_request_page_with_keep_until_sigterm_then_exit_0()
      throws Exception {
    try (DelegateProcess demo =
        DelegateProcess.start(data, "demo", "--keep", "--data-dir", data.resolve("d").toString())) {
      String serving =
          demo.awaitLine(
              l -> l.startsWith("Serving the pull request page until Ctrl-C"),
              DelegateProcess.STARTUP);
      String page = serving.substring(serving.indexOf("http://"));
      assertThat(demo.out()).as(demo.toString()).anyMatch(l -> l.startsWith("transcript: "));

      HttpResponse<String> shown =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(page)).timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(shown.statusCode()).as(page).isEqualTo(200);
      assertThat(demo.out()).noneMatch(l -> l.startsWith("The demo's server stops now"));

      assertThat(demo.terminate(Duration.ofMinutes(1))).as(demo.toString()).isZero();
      assertThat(demo.out()).contains("demo stopped");
    }
  }
}
