package dev.delegate.core.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path workspace;

  private final CheckCommand checks =
      new CheckCommand(
          Duration.ofSeconds(20),
          Map.of(
              "PATH", System.getenv("PATH"), "GITHUB_TOKEN", "ghp_secret", "DELEGATE_TOKEN", "t"));

  @Test
  void should_be_met_when_the_command_exits_0_in_the_workspace() throws Exception {
    Files.writeString(workspace.resolve("CHANGELOG.md"), "- Export button\n");

    CriterionVerdict v =
        checks.run(
            Criterion.checked("The changelog says so", "grep -n Export CHANGELOG.md"), workspace);

    assertThat(v.verdict()).isEqualTo(Verdict.MET);
    assertThat(v.exitCode()).hasValue(0);
    assertThat(v.evidence()).isEqualTo("1:- Export button");
  }

  @Test
  void should_not_be_met_with_the_exit_code_and_the_tail_of_the_output() throws Exception {
    CriterionVerdict v =
        checks.run(
            Criterion.checked(
                "Tests pass",
                "for i in $(seq 1 3000); do echo line $i; done; echo FAILED >&2; exit 3"),
            workspace);

    assertThat(v.verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(v.exitCode()).hasValue(3);
    assertThat(v.evidence()).endsWith("line 3000\nFAILED").doesNotContain("line 1\n");
    assertThat(v.evidence().length()).isLessThanOrEqualTo(CheckCommand.TAIL);
  }

  @Test
  void should_leave_secrets_out_of_the_environment() throws Exception {
    CriterionVerdict v =
        checks.run(
            Criterion.checked(
                "env", "echo \"[${GITHUB_TOKEN}][${DELEGATE_TOKEN}][${PATH:+path}]\""),
            workspace);

    assertThat(v.evidence()).isEqualTo("[][][path]");
  }

  @Test
  void should_kill_the_process_tree_when_the_check_times_out() throws Exception {
    CheckCommand quick =
        new CheckCommand(Duration.ofMillis(500), Map.of("PATH", System.getenv("PATH")));
    Path pidFile = workspace.resolve("child.pid");

    Instant start = Instant.now();
    CriterionVerdict v =
        quick.run(
            Criterion.checked("slow", "echo started; (sleep 60 & echo $! > child.pid; wait)"),
            workspace);

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    assertThat(v.verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(v.exitCode()).isEmpty();
    assertThat(v.evidence()).startsWith("started").contains("did not finish within");
    long child = Long.parseLong(Files.readString(pidFile).strip());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
  }
}
