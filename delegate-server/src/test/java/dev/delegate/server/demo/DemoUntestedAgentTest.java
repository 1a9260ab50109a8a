package dev.delegate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.Main;
import dev.delegate.server.launch.NewerAgentProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code delegate demo} with an agent CLI of a version its profile was not tested with. */
class DemoUntestedAgentTest {
  @TempDir Path dir;

  @BeforeEach
  void write_a_profile_whose_cli_is_newer_than_tested() throws IOException {
    NewerAgentProfile.write(dir, "{from: 1.0.0}");
  }

  @Test
  void should_refuse_the_agent_with_exit_code_2_and_say_how_to_run_it_anyway() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code =
        cli.execute(
            "demo",
            "--agent",
            "newer",
            "--profiles-dir",
            dir.resolve("profiles").toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString().strip())
        .isEqualTo(
            "delegate: agent profile 'newer' runs scripted agent 2.0.0, outside the versions it"
                + " was tested with (1.0.0); start with --allow-untested-agent to run it anyway");
  }

  @Test
  void should_run_the_example_with_the_untested_agent_when_allowed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    int code =
        new CommandLine(demo)
            .execute(
                "--agent",
                "newer",
                "--allow-untested-agent",
                "--profiles-dir",
                dir.resolve("profiles").toString(),
                "--data-dir",
                dir.resolve("data").toString());

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out).contains("agent: newer", "+++ b/TASK.md");
  }
}
