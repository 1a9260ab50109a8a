package dev.delegate.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delegate serve} with an agent CLI of a version its profile was not tested with. */
class UntestedAgentServeTest {
  private static final String PROBLEM =
      "agent profile 'newer' runs scripted agent 2.0.0, outside the versions it was tested with"
          + " (1.0.0 to 1.9.9)";

  @TempDir Path home;

  @BeforeEach
  void write_a_profile_whose_cli_is_newer_than_tested() throws IOException {
    NewerAgentProfile.write(home, "{from: 1.0.0, to: 1.9.9}");
  }

  private DelegateProcess serve(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--roles",
                "pool",
                "--pool-port",
                "0",
                "--workers",
                "1",
                "--agent",
                "newer",
                "--profiles-dir",
                home.resolve("profiles").toString(),
                "--data-dir",
                home.resolve("data").toString()));
    args.addAll(List.of(extra));
    return DelegateProcess.start(home, args.toArray(String[]::new));
  }

  @Test
  void should_refuse_to_start_and_exit_2_naming_profile_version_range_and_the_option()
      throws Exception {
    try (DelegateProcess serve = serve()) {
      int code = serve.awaitExit(DelegateProcess.STARTUP);

      assertThat(code).as(serve.toString()).isEqualTo(2);
      assertThat(serve.err())
          .as(serve.toString())
          .contains(
              "delegate: " + PROBLEM + "; start with --allow-untested-agent to run it anyway");
      assertThat(serve.out()).as("no role started").isEmpty();
    }
  }

  @Test
  void should_start_with_a_warning_when_untested_agents_are_allowed() throws Exception {
    try (DelegateProcess serve = serve("--allow-untested-agent")) {
      serve.awaitLine(l -> l.startsWith("worker pool: http://"), DelegateProcess.STARTUP);

      assertThat(serve.err())
          .as(serve.toString())
          .filteredOn(l -> l.contains(PROBLEM))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .contains(" WARN ")
                      .endsWith("; running it anyway (--allow-untested-agent)"));
      serve.terminate(DelegateProcess.STARTUP);
    }
  }
}
