package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.server.launch.ServeCommand;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FollowUpOptionsTest {
  @TempDir Path dir;

  private ServerConfig config(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command.toConfig();
  }

  @Test
  void should_take_the_loops_options_and_never_show_the_webhook_secret() {
    ServerConfig config =
        config(
            "--data-dir", dir.toString(),
            "--review-debounce", "5s",
            "--max-followups", "0",
            "--github-webhook-secret", "do-not-print-me");

    assertThat(config.followUps().settings().debounce()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.followUps().settings().maxFollowUps()).isZero();
    assertThat(config.followUps().githubWebhookSecret()).contains("do-not-print-me");
    assertThat(config.toString()).doesNotContain("do-not-print-me");
  }

  @Test
  void should_name_the_option_of_a_value_out_of_bounds() {
    assertThatThrownBy(() -> config("--data-dir", dir.toString(), "--max-followups", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--max-followups must be at least 0, was -1");
  }
}
