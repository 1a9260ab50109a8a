package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionContextTest {

  @Test
  void should_withhold_delegates_settings_and_forge_tokens_from_agents() {
    assertThat(SessionContext.isDelegateSecret("DELEGATE_TOKEN")).isTrue();
    assertThat(SessionContext.isDelegateSecret("GITHUB_TOKEN")).isTrue();
    assertThat(SessionContext.isDelegateSecret("GH_TOKEN")).isTrue();
    assertThat(SessionContext.isDelegateSecret("PATH")).isFalse();
    assertThat(SessionContext.agentEnvironment())
        .doesNotContainKeys("GITHUB_TOKEN", "GH_TOKEN")
        .containsEntry("TERM", "xterm-256color");
  }
}
