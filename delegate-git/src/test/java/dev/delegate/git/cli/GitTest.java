package dev.delegate.git.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
  private final Git git = new Git();
  @TempDir Path dir;

  @BeforeEach
  void init() {
    git.run(dir, "init", "--quiet", "--initial-branch=main");
  }

  @Test
  void should_return_standard_output() {
    assertThat(git.run(dir, "rev-parse", "--is-inside-work-tree").strip()).isEqualTo("true");
    assertThat(git.exec(GitCommand.in(dir, "symbolic-ref", "HEAD")).line())
        .isEqualTo("refs/heads/main");
  }

  @Test
  void should_throw_with_gits_error_on_failure() {
    assertThatThrownBy(() -> git.run(dir, "rev-parse", "--verify", "no-such-ref"))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("git rev-parse --verify no-such-ref failed with exit code 128")
        .hasMessageContaining("Needed a single revision");
    GitResult result = git.tryExec(GitCommand.in(dir, "rev-parse", "--verify", "no-such-ref"));
    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(128);
  }

  @Test
  void should_pass_arguments_as_they_are_without_a_shell() {
    String value = "x; touch pwned; $(touch pwned2) `touch pwned3` | touch pwned4";
    assertThat(git.run(dir, "-c", "delegate.probe=" + value, "config", "delegate.probe").strip())
        .isEqualTo(value);
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("pwned2")).doesNotExist();
    assertThat(dir.resolve("pwned3")).doesNotExist();
  }

  @Test
  void should_pass_extra_environment_and_standard_input() {
    GitResult ident =
        git.exec(
            GitCommand.in(dir, "var", "GIT_AUTHOR_IDENT")
                .env(Map.of("GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com")));
    assertThat(ident.line()).startsWith("Ada <ada@example.com>");
    String blob = git.exec(GitCommand.in(dir, "hash-object", "--stdin").input("hello\n")).line();
    assertThat(blob).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
  }

  @Test
  void should_stop_git_at_the_timeout() {
    long started = System.nanoTime();
    GitCommand slow =
        GitCommand.in(dir, "-c", "alias.slow=!sleep 20", "slow").timeout(Duration.ofMillis(300));
    assertThatThrownBy(() -> git.exec(slow))
        .isInstanceOf(GitTransientException.class)
        .hasMessageContaining("timed out after PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void should_never_run_the_repositorys_hooks() throws Exception {
    Path marker = dir.resolve("hook-ran");
    Path hooks = Files.createDirectories(dir.resolve("my-hooks"));
    for (Path hookDir : new Path[] {dir.resolve(".git/hooks"), hooks}) {
      Path hook = hookDir.resolve("pre-commit");
      Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\n");
      hook.toFile().setExecutable(true);
    }
    git.run(dir, "config", "core.hooksPath", hooks.toString());
    git.exec(
        GitCommand.in(dir, "commit", "--allow-empty", "-m", "x")
            .env(new GitIdentity("T", "t@example.com").environment()));
    assertThat(marker).doesNotExist();
  }

  @Test
  void should_redact_credentials_from_failure_messages() {
    String secret = "ghp_s3cretTokenValue123";
    GitCommand command =
        GitCommand.in(dir, "ls-remote", "http://x-access-token:" + secret + "@127.0.0.1:9/o/r.git")
            .env(Map.of("GIT_CONFIG_VALUE_0", "Authorization: Basic " + secret + "b64"))
            .timeout(Duration.ofSeconds(20));
    assertThatThrownBy(() -> git.exec(command))
        .isInstanceOf(GitTransientException.class)
        .hasMessageContaining("http://***@127.0.0.1:9/o/r.git")
        .hasMessageNotContaining(secret);
  }

  @Test
  void should_classify_network_and_lock_failures_as_transient() {
    assertThat(GitFailure.isTransient("fatal: unable to access 'x': Could not resolve host: h"))
        .isTrue();
    assertThat(GitFailure.isTransient("fatal: Unable to create '/r/.git/index.lock': File exists."))
        .isTrue();
    assertThat(
            GitFailure.isTransient(
                "fatal: unable to access 'x': The requested URL returned error: 403"))
        .isFalse();
    assertThat(GitFailure.isTransient("fatal: couldn't find remote ref refs/heads/x")).isFalse();
  }

  @Test
  void should_tell_its_listener_each_command_with_its_subcommand_time_and_exit_code() {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    Git told = git.withListener((command, took, exitCode) -> heard.add(command + " " + exitCode));

    told.run(dir, "-c", "delegate.probe=1", "config", "delegate.probe");
    assertThat(told.tryExec(GitCommand.in(dir, "rev-parse", "--verify", "nope")).ok()).isFalse();
    git.run(dir, "status"); // the original runner tells nobody

    assertThat(heard).containsExactly("config 0", "rev-parse 128");
    assertThat(Git.subcommand(java.util.List.of("--bare", "-C", "x", "push", "origin")))
        .isEqualTo("push");
    assertThat(Git.subcommand(java.util.List.of("Not A Command"))).isEqualTo("other");
  }
}
