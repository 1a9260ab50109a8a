package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.Driver;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
  void should_read_the_installed_version_within_the_tested_range_without_starting_the_server(
      RealAcpAgents agent) throws Exception {
    AgentProfile.Version version = agent.profile(model).version();
    List<String> argv = new ArrayList<>();
    argv.add(version.command() == null ? agent.profile(model).command() : version.command());
    argv.addAll(version.args());

    String output = run(argv);

    Matcher matcher = version.pattern().matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    assertThat(matcher.group("version")).isEqualTo(version.tested().from());
    assertThat(version.tested().to()).isEqualTo(version.tested().from());
  }

  /** Runs a version command with stdin closed; it must exit by itself, and succeed. */
  private static String run(List<String> argv) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited: " + argv).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isZero();
      return output;
    } finally {
      process.destroyForcibly();
    }
  }
}
