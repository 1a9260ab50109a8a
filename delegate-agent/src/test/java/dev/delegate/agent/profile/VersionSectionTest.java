package dev.delegate.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.AgentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a profile's {@code version} section is read: its variables, its defaults, inheritance. */
class VersionSectionTest {
  @TempDir Path dir;

  private AgentProfile load(String name, String yaml) throws IOException {
    Files.writeString(dir.resolve(name + ".yaml"), yaml);
    return ProfileCatalog.load(Optional.of(dir))
        .get(
            name,
            new ProfileVariables(
                Map.of("java", "/jdk/bin/java", "scripted.classpath", "/cp"),
                n -> n.equals("MY_CLI") ? "/opt/cli/bin/cli" : null));
  }

  @Test
  void should_replace_variables_in_the_version_command_args_and_tested_range_only()
      throws IOException {
    AgentProfile profile =
        load(
            "mine",
            """
            name: mine
            extends: scripted
            version:
              command: ${env:MY_CLI}
              args: [-cp, '${scripted.classpath}', '${home}/settings', --version]
              pattern: 'cli (?<version>\\d+\\.\\d+)'
              tested: {from: '${delegate.version}', to: '${delegate.version}'}
            """);

    AgentProfile.Version version = profile.version();
    assertThat(version.command()).isEqualTo("/opt/cli/bin/cli");
    assertThat(version.args()).containsExactly("-cp", "/cp", "${home}/settings", "--version");
    assertThat(version.pattern().pattern()).isEqualTo("cli (?<version>\\d+\\.\\d+)");
    assertThat(version.tested().from()).isEqualTo(DelegateVersion.current());
    assertThat(version.tested().to()).isEqualTo(DelegateVersion.current());
  }

  @Test
  void should_inherit_the_check_and_replace_only_the_tested_range_when_extending()
      throws IOException {
    AgentProfile profile =
        load(
            "pinned",
            """
            name: pinned
            extends: codex
            version: {tested: {from: 0.170.0, to: 0.171.2}}
            """);

    assertThat(profile.version().pattern().pattern()).startsWith("codex-cli ");
    assertThat(profile.version().tested().toString()).isEqualTo("0.170.0 to 0.171.2");
  }

  @Test
  void should_check_only_a_profile_with_a_tested_range_and_default_to_dash_dash_version()
      throws IOException {
    AgentProfile plain = load("plain", "name: plain\nextends: kiro\n");
    AgentProfile pinned =
        load("pinned-kiro", "name: pinned-kiro\nextends: kiro\nversion: {tested: {from: 1.2.3}}\n");

    assertThat(plain.version().checked()).isFalse();
    assertThat(pinned.version().checked()).isTrue();
    assertThat(pinned.version().command()).isNull();
    assertThat(pinned.version().args()).containsExactly("--version");
    assertThat(pinned.version().tested().toString()).isEqualTo("1.2.3");
  }
}
