package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.server.Main;
import dev.delegate.server.launch.ServeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code --webhook-*} options of {@code serve}. */
class WebhookOptionsTest {
  @TempDir Path dir;

  private WebhookOptions parse(Map<String, String> env, String... args) {
    ServeCommand command = new ServeCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(ConfigDefaults.load(args, env));
    cli.parseArgs(args);
    return command.toConfig().webhooks();
  }

  @Test
  void should_send_nowhere_by_default() {
    assertThat(parse(Map.of())).isEqualTo(WebhookOptions.NONE);
  }

  @Test
  void should_take_several_urls_and_the_secret_from_the_environment() {
    WebhookOptions options =
        parse(
            Map.of("DELEGATE_WEBHOOK_SECRET", "s3cret"),
            "--webhook-url",
            "https://hooks.example.com/delegate?team=a",
            "--webhook-url",
            "http://127.0.0.1:9000/hook",
            "--webhook-retry-for",
            "2h",
            "--webhook-retry-delay",
            "250ms");

    assertThat(options.urls())
        .containsExactly(
            URI.create("https://hooks.example.com/delegate?team=a"),
            URI.create("http://127.0.0.1:9000/hook"));
    assertThat(options.secret()).contains("s3cret");
    assertThat(options.retry().retryFor()).isEqualTo(Duration.ofHours(2));
    assertThat(options.retry().firstDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(options.toString()).doesNotContain("s3cret").doesNotContain("team=a");
  }

  @Test
  void should_refuse_a_url_without_a_secret() {
    assertThatThrownBy(() -> parse(Map.of(), "--webhook-url", "http://127.0.0.1:9000/hook"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--webhook-secret");
  }

  @Test
  void should_refuse_link_local_and_metadata_targets_unless_allowed() {
    for (String url :
        new String[] {
          "http://169.254.169.254/latest/meta-data/",
          "http://[fe80::1]:8080/hook",
          "http://metadata.google.internal/computeMetadata/v1/",
          "http://169.254.10.20/hook"
        }) {
      assertThatThrownBy(() -> parse(Map.of(), "--webhook-url", url, "--webhook-secret", "s"))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--webhook-allow-link-local");
    }
    assertThat(
            parse(
                    Map.of(),
                    "--webhook-url",
                    "http://169.254.169.254/hook",
                    "--webhook-secret",
                    "s",
                    "--webhook-allow-link-local")
                .urls())
        .hasSize(1);
  }

  @Test
  void should_refuse_urls_that_are_not_http_or_carry_credentials() {
    for (String url : new String[] {"ftp://example.com/x", "http://user:pw@example.com/x", "x"}) {
      assertThatThrownBy(() -> parse(Map.of(), "--webhook-url", url, "--webhook-secret", "s"))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("--webhook-url")
          .hasMessageNotContaining("pw");
    }
  }

  @Test
  void should_end_serve_with_exit_code_2_and_say_why_for_a_link_local_url() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              new String[] {
                "serve",
                "--data-dir",
                dir.toString(),
                "--webhook-url",
                "http://169.254.169.254/latest",
                "--webhook-secret",
                "s3cret"
              });
    } finally {
      System.setErr(original);
    }

    assertThat(code).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("link-local")
        .contains("--webhook-allow-link-local")
        .doesNotContain("s3cret");
  }
}
