package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.AgentVersionCheck.NotChecked;
import dev.delegate.agent.session.AgentVersionCheck.Outcome;
import dev.delegate.agent.session.AgentVersionCheck.Tested;
import dev.delegate.agent.session.AgentVersionCheck.Untested;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentVersionCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @TempDir Path dir;

  /** A profile named fake whose command is a shell script printing what {@code body} prints. */
  private AgentProfile fake(String body, String version) throws IOException {
    Path script = dir.resolve("fake-cli");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("fake.yaml"),
        """
        name: fake
        displayName: Fake CLI
        command: %s
        args: [--start-the-agent]
        env: {FAKE_VERSION: "1.3.0"}
        home:
          env: [HOME]
          files: [{path: settings.json, content: '{"key": "secret"}'}]
        startup: {ready: {pattern: '> '}}
        endOfTurn: {pattern: '> '}
        %s
        """
            .formatted(script, version));
    return ProfileCatalog.load(Optional.of(profiles))
        .get("fake", new ProfileVariables(Map.of(), n -> null));
  }

  private static Outcome check(AgentProfile profile) {
    return AgentVersionCheck.check(profile, Map.of("PATH", "/usr/bin:/bin"), TIMEOUT);
  }

  @Test
  void should_accept_a_version_within_the_tested_range() throws IOException {
    AgentProfile profile =
        fake(
            "echo \"fake-cli $FAKE_VERSION (build 42)\"",
            "version: {tested: {from: 1.2.0, to: 1.4.0}}");

    assertThat(check(profile)).isEqualTo(new Tested("1.3.0"));
  }

  @Test
  void should_accept_the_version_at_either_end_of_the_range_and_a_single_tested_version()
      throws IOException {
    assertThat(check(fake("echo 1.2.0", "version: {tested: {from: 1.2.0, to: 1.4.0}}")))
        .isEqualTo(new Tested("1.2.0"));
    assertThat(check(fake("echo 1.4.0", "version: {tested: {from: 1.2.0, to: 1.4.0}}")))
        .isEqualTo(new Tested("1.4.0"));
    assertThat(check(fake("echo 2.1.197", "version: {tested: {from: 2.1.197}}")))
        .isEqualTo(new Tested("2.1.197"));
  }

  @Test
  void should_refuse_a_version_outside_the_range_naming_profile_version_and_range()
      throws IOException {
    AgentProfile profile = fake("echo 'fake-cli 0.170.0'", "version: {tested: {from: 0.169.0}}");

    assertThat(check(profile))
        .isEqualTo(
            new Untested(
                "agent profile 'fake' runs Fake CLI 0.170.0, outside the versions it was tested"
                    + " with (0.169.0)"));
  }

  @Test
  void should_refuse_a_pre_release_of_the_tested_version() throws IOException {
    AgentProfile profile =
        fake(
            "echo 'v1.2.3-beta.1'",
            "version: {pattern: 'v(?<version>\\S+)', tested: {from: 1.2.3, to: 1.2.9}}");

    assertThat(check(profile))
        .isInstanceOfSatisfying(
            Untested.class,
            u -> assertThat(u.problem()).contains("runs Fake CLI 1.2.3-beta.1, outside"));
  }

  @Test
  void should_refuse_output_without_a_version() throws IOException {
    AgentProfile profile = fake("echo 'garbage: no idea'", "version: {tested: {from: 1.0.0}}");

    assertThat(check(profile))
        .isInstanceOfSatisfying(
            Untested.class,
            u ->
                assertThat(u.problem())
                    .startsWith("agent profile 'fake' cannot read the version of Fake CLI: `")
                    .contains("fake-cli --version` printed no version matching")
                    .contains("(output: \"garbage: no idea\")")
                    .endsWith("; it was tested with 1.0.0"));
  }

  @Test
  void should_refuse_a_version_command_that_fails() throws IOException {
    AgentProfile profile =
        fake("echo 'unknown option' >&2; exit 3", "version: {tested: {from: 1.0.0}}");

    assertThat(check(profile))
        .isInstanceOfSatisfying(
            Untested.class,
            u ->
                assertThat(u.problem())
                    .contains("--version` exited with 3 (output: \"unknown option\")")
                    .endsWith("tested with 1.0.0"));
  }

  @Test
  void should_refuse_a_missing_command() throws IOException {
    AgentProfile profile =
        fake("echo 1.0.0", "version: {command: /nonexistent/fake-cli, tested: {from: 1.0.0}}");

    assertThat(check(profile))
        .isInstanceOfSatisfying(
            Untested.class,
            u ->
                assertThat(u.problem())
                    .startsWith(
                        "agent profile 'fake' cannot read the version of Fake CLI:"
                            + " `/nonexistent/fake-cli --version` cannot be started (")
                    .contains("No such file or directory")
                    .endsWith("tested with 1.0.0"));
  }

  @Test
  void should_kill_a_hanging_version_command_and_its_children_after_the_timeout()
      throws IOException {
    Path childPid = dir.resolve("child.pid");
    AgentProfile profile =
        fake("sleep 300 & echo $! > " + childPid + "; wait", "version: {tested: {from: 1.0.0}}");

    Outcome outcome =
        AgentVersionCheck.check(profile, Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(700));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Untested.class,
            u -> assertThat(u.problem()).contains("--version` did not finish within 700ms"));
    long pid = Long.parseLong(Files.readString(childPid).strip());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void should_run_with_the_agents_environment_and_an_empty_scratch_home_it_removes()
      throws IOException {
    Path seen = dir.resolve("seen");
    AgentProfile profile =
        fake(
            "echo \"$HOME\" > "
                + seen
                + "; [ -e \"$HOME/settings.json\" ] && exit 9; [ \"$1\" = --version ] || exit 8;"
                + " echo \"$FAKE_VERSION $INHERITED\"",
            "version: {pattern: '(?<version>\\S+) yes', tested: {from: 1.3.0}}");

    Outcome outcome =
        AgentVersionCheck.check(
            profile, Map.of("PATH", "/usr/bin:/bin", "INHERITED", "yes"), TIMEOUT);

    assertThat(outcome).isEqualTo(new Tested("1.3.0"));
    Path home = Path.of(Files.readString(seen).strip());
    assertThat(home).isNotEqualTo(Path.of(System.getProperty("user.home")));
    assertThat(home).doesNotExist();
  }

  @Test
  void should_not_run_anything_when_no_tested_versions_are_declared() throws IOException {
    Path ran = dir.resolve("ran");
    AgentProfile profile = fake("touch " + ran, "");

    assertThat(check(profile)).isEqualTo(new NotChecked());
    assertThat(ran).doesNotExist();
  }

  @Test
  void should_reject_a_profile_whose_tested_range_is_not_made_of_versions() throws IOException {
    AgentProfile backwards = fake("echo 1.0.0", "version: {tested: {from: 2.0.0, to: 1.0.0}}");
    AgentProfile words = fake("echo 1.0.0", "version: {tested: {from: latest}}");

    assertThatThrownBy(() -> check(backwards))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("from a later version (2.0.0) to an earlier one (1.0.0)");
    assertThatThrownBy(() -> check(words))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("declares tested version 'latest', which is not a version number");
  }
}
