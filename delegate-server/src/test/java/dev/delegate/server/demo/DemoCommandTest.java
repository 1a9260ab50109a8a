package dev.delegate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
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
        .containsPattern("job \\w+ → SUCCEEDED")
        .contains("  COMMITTING ", "  RUNNING ", "+++ b/TASK.md", "export-button");
  }
}
