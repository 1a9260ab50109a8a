package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.profile.DelegateVersion;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.AgentVersionCheck.Tested;
import dev.delegate.core.agent.AgentProfile;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripted agent ships with Delegate: its profiles hold it to Delegate's own version. */
class ScriptedAgentVersionTest {

  private static AgentProfile profile(String name) {
    return ProfileCatalog.load(Optional.empty()).get(name, ProfileVariables.forThisJvm());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scripted", "scripted-tui", "scripted-acp"})
  void should_declare_delegates_own_version_as_the_tested_one(String name) {
    AgentProfile.Version version = profile(name).version();

    assertThat(version.tested().from()).isEqualTo(DelegateVersion.current()).doesNotContain("${");
    assertThat(version.tested().to()).isEqualTo(DelegateVersion.current());
    assertThat(version.args()).last().isEqualTo("--version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scripted", "scripted-tui", "scripted-acp"})
  void should_find_the_scripted_agent_at_delegates_own_version(String name) {
    AgentVersionCheck.Outcome outcome =
        AgentVersionCheck.check(
            profile(name), SessionContext.agentEnvironment(), AgentVersionCheck.DEFAULT_TIMEOUT);

    assertThat(outcome).isEqualTo(new Tested(DelegateVersion.current()));
  }
}
