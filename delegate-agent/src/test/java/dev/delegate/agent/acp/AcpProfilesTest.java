package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.session.AgentVersionCheck;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.Driver;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The built-in claude-acp, codex-acp and gemini-acp profiles with the pinned adapters. */
class AcpProfilesTest {
  private final ModelServer model = ModelServer.start(Scenario.builder().text("unused").build());

  @AfterEach
  void stop() {
    model.close();
  }

  @ParameterizedTest
  @EnumSource(RealAcpAgents.class)
  void should_point_the_adapter_at_the_configured_endpoint_without_a_key(RealAcpAgents agent) {
    AgentProfile profile = agent.profile(model);

    assertThat(profile.driver()).isEqualTo(Driver.ACP);
    assertThat(profile.env().values())
        .anySatisfy(v -> assertThat(v).startsWith(model.baseUrl().toString()))
        .noneSatisfy(v -> assertThat(v).contains(model.apiKey()));
    assertThat(profile.acp().modeIfAny())
        .as("a mode that asks before edits and commands")
        .isPresent();
    assertThat(profile.version().checked()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(RealAcpAgents.class)
  void should_find_the_installed_version_within_the_tested_range(RealAcpAgents agent) {
    AgentProfile profile = agent.profile(model);

    AgentVersionCheck.Outcome outcome =
        AgentVersionCheck.check(
            profile,
            RealAcpAgents.context(model, ApprovalPolicy.TRUST_ALL).environment(),
            AgentVersionCheck.DEFAULT_TIMEOUT);

    assertThat(outcome).isEqualTo(new AgentVersionCheck.Tested(profile.version().tested().from()));
    assertThat(profile.version().tested().to()).isEqualTo(profile.version().tested().from());
  }
}
