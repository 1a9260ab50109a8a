package dev.delegate.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.server.config.ConfigDefaults;
import dev.delegate.server.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class LogOptionsTest {
  private final Logger delegate = LoggerFactory.getLogger("dev.delegate.core.job.JobRun");
  private final Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.Server");

  private static LogOptions parse(Map<String, String> env, String... args) {
    ServeCommand command = new ServeCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(ConfigDefaults.load(args, env));
    cli.parseArgs(args);
    return command.logging;
  }

  @AfterEach
  void backToDefaults() {
    parse(Map.of()).apply();
  }

  @Test
  void should_log_delegates_info_and_only_the_libraries_warnings_by_default() {
    parse(Map.of()).apply();

    assertThat(delegate.isInfoEnabled()).isTrue();
    assertThat(delegate.isDebugEnabled()).isFalse();
    assertThat(jetty.isInfoEnabled()).isFalse();
    assertThat(jetty.isWarnEnabled()).isTrue();
  }

  @Test
  void should_take_the_level_from_the_environment_and_the_flag_over_it() {
    parse(Map.of("DELEGATE_LOG_LEVEL", "debug")).apply();
    assertThat(delegate.isDebugEnabled()).isTrue();
    assertThat(jetty.isDebugEnabled()).as("debug is for libraries too").isTrue();

    parse(Map.of("DELEGATE_LOG_LEVEL", "debug"), "--log-level", "error").apply();
    assertThat(delegate.isWarnEnabled()).isFalse();
    assertThat(delegate.isErrorEnabled()).isTrue();
    assertThat(jetty.isWarnEnabled()).isFalse();
  }

  @Test
  void should_refuse_an_unknown_level_or_format_naming_the_option() {
    assertThatThrownBy(() -> parse(Map.of(), "--log-level", "loud").apply())
        .isInstanceOf(ConfigException.class)
        .hasMessage("--log-level must be error, warn, info, debug or trace, was 'loud'");
    assertThatThrownBy(() -> parse(Map.of("DELEGATE_LOG_FORMAT", "xml")).apply())
        .isInstanceOf(ConfigException.class)
        .hasMessage("--log-format must be text or json, was 'xml'");
    assertThat(parse(Map.of("DELEGATE_LOG_FORMAT", "JSON")).json()).isTrue();
  }
}
