package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real scripted agent in a PTY, driven without the pool. */
class AgentSessionTest {
  @TempDir Path data;

  @Test
  void should_fail_a_turn_at_once_when_the_agent_died_just_before_it_began() throws Exception {
    AgentProfile profile =
        ProfileCatalog.load(Optional.empty()).get("scripted", ProfileVariables.forThisJvm());
    SessionContext context =
        new SessionContext(
            ApprovalPolicy.TRUST_ALL,
            Clock.systemUTC(),
            SessionContext.agentEnvironment(),
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    try (AgentSession session =
        new AgentSession(1, profile, context, data.resolve("work"), data.resolve("home"))) {
      session.start().get(60, TimeUnit.SECONDS);
      session.kill(); // between turns, as a crash or the OOM killer would
      session.exited().get(30, TimeUnit.SECONDS);

      var turn = session.runTurn("zero-think");

      assertThatThrownBy(() -> turn.get(10, TimeUnit.SECONDS)) // not the turn's timeout
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SessionDiedException.class)
          .hasMessageContaining("exited with code");
      assertThat(session.isAlive()).isFalse();
    }
  }
}
