package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.AgentVersionCheck.Tested;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.testkit.AgentClis;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The installed Claude Code and Codex CLI are versions their built-in profiles were tested with.
 */
class RealAgentVersionsTest {

  private static AgentProfile profile(String name) {
    Map<String, String> delegateEnv =
        Map.of(
            "DELEGATE_CLAUDE_COMMAND", AgentClis.claude().toString(),
            "DELEGATE_CODEX_COMMAND", AgentClis.codex().toString());
    return ProfileCatalog.load(Optional.empty())
        .get(name, new ProfileVariables(Map.of(), delegateEnv::get));
  }

  private static AgentVersionCheck.Outcome check(AgentProfile profile) {
    return AgentVersionCheck.check(
        profile, SessionContext.agentEnvironment(), AgentVersionCheck.DEFAULT_TIMEOUT);
  }

  @Test
  void should_find_the_installed_claude_code_within_its_profiles_tested_versions() {
    AgentProfile claude = profile("claude-code");

    assertThat(claude.version().checked()).isTrue();
    assertThat(check(claude)).isEqualTo(new Tested(claude.version().tested().from()));
  }

  @Test
  void should_find_the_installed_codex_within_its_profiles_tested_versions() {
    AgentProfile codex = profile("codex");

    assertThat(codex.version().checked()).isTrue();
    assertThat(check(codex)).isEqualTo(new Tested(codex.version().tested().from()));
  }
}
