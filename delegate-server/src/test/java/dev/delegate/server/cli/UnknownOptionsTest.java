package dev.delegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UnknownOptionsTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void should_name_the_unknown_option_and_its_likely_meaning_before_the_missing_ones() {
    Run run = run("submit", "--titel", "X");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .first()
        .isEqualTo("delegate: unknown option '--titel' (did you mean --title?)");
    assertThat(run.err()).contains("Missing required options", "See 'delegate submit --help'.");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void should_name_an_unknown_option_first_in_every_command() {
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      Run run = run(command, "--frobnicate=1");

      assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(2);
      assertThat(run.err().lines().findFirst().orElse(""))
          .as(command)
          .isEqualTo("delegate: unknown option '--frobnicate'");
    }
  }

  @Test
  void should_not_take_an_options_value_for_an_option() {
    Run run = run("submit", "--title", "--objective", "--bsae", "main");

    assertThat(run.err().lines().toList())
        .as(run.err())
        .containsExactly(
            "delegate: unknown option '--bsae' (did you mean --base?)",
            "delegate: Expected parameter for option '--title' but found '--objective'",
            "See 'delegate submit --help'.");
  }

  @Test
  void should_still_say_a_missing_option_with_the_usage_when_every_option_is_known() {
    Run run = run("submit", "--title", "X");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("Missing required option: '--objective=<objective>'")
        .contains("Usage: delegate submit");
  }

  @Test
  void should_suggest_only_near_names() {
    assertThat(UnknownOptions.distance("--titel", "--title")).isEqualTo(2);
    Run run = run("status", "--xyzzy-plugh", "1");
    assertThat(run.err()).startsWith("delegate: unknown option '--xyzzy-plugh'\n");
  }
}
