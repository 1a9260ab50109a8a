package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a terminal (pipes), the agent carries on in line mode and exits at end of input. */
class LineModeTest {
  @TempDir Path tmp;

  @Test
  void should_play_scenarios_from_piped_input_and_exit_0_at_its_end() throws Exception {
    Path log = tmp.resolve("events.log");
    ProcessBuilder builder =
        new ProcessBuilder(ScriptedAgentCommand.command(List.of()))
            .directory(tmp.toFile())
            .redirectErrorStream(true);
    builder.environment().put(EventLog.ENV, log.toString());
    Process process = builder.start();
    process.getOutputStream().write("zero-think\nscenario:question\ngreen\n".getBytes());
    process.getOutputStream().close();
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    String output =
        TerminalLines.strip(
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertThat(process.exitValue()).isZero();
    assertThat(output)
        .startsWith(Ui.BANNER)
        .contains("> zero-think\nzero-think: done.\n")
        .contains("Which colour should the button be?\n\n> green\nYou said: green\n");
    assertThat(Files.readAllLines(log).stream().filter(e -> !e.equals("READY")))
        .containsExactly("PROMPT zero-think", "PROMPT scenario:question", "ANSWER green", "EXIT 0");
  }

  @Test
  void should_refuse_an_unknown_option_with_exit_code_2() throws Exception {
    Process process =
        new ProcessBuilder(ScriptedAgentCommand.command(List.of("--frobnicate")))
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("unknown option: --frobnicate")
        .contains(Options.USAGE);
  }
}
