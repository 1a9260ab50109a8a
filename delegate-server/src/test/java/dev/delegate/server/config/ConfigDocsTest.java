package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.core.DurationText;
import dev.delegate.core.followup.FollowUpSettings;
import dev.delegate.core.job.ProcessorSettings;
import dev.delegate.core.job.RetryPolicy;
import dev.delegate.server.launch.ServeCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults a person reads ({@code serve --help}, the README's configuration table) are the ones
 * the settings records hold.
 */
class ConfigDocsTest {
  private static final Pattern README_ROW =
      Pattern.compile("(?m)^\\| `(--[a-z-]+)` \\| ([^|]*) \\|");

  @TempDir Path dir;

  @Test
  void should_start_from_the_settings_records_defaults() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--data-dir", dir.toString());
    ServerConfig config = command.toConfig();

    assertThat(config.processor().settings()).isEqualTo(ProcessorSettings.DEFAULT);
    assertThat(config.poolConfig())
        .isEqualTo(PoolConfig.defaults(PoolConfig.DEFAULT_WORKERS, dir.toAbsolutePath()));
    assertThat(config.processor())
        .isEqualTo(
            new ProcessorOptions(
                ProcessorOptions.DEFAULT_FORGE,
                ProcessorOptions.DEFAULT_GITHUB_API_URL,
                Optional.empty(),
                ProcessorOptions.DEFAULT_OWNER,
                ProcessorOptions.DEFAULT_SHUTDOWN_GRACE,
                ProcessorSettings.DEFAULT));
    assertThat(config.bind()).isEqualTo(ServerConfig.DEFAULT_BIND);
    assertThat(config.apiPort()).isEqualTo(ServerConfig.DEFAULT_API_PORT);
    assertThat(config.poolPort()).isEqualTo(ServerConfig.DEFAULT_POOL_PORT);
    assertThat(config.processorPort()).isEqualTo(ServerConfig.DEFAULT_PROCESSOR_PORT);
    assertThat(config.agent()).isEqualTo(ServerConfig.DEFAULT_AGENT);
    assertThat(config.defaultRepo().toString()).isEqualTo(ServerConfig.DEFAULT_REPO);
    assertThat(config.finishDelegationsAfter())
        .isEqualTo(ServerConfig.DEFAULT_FINISH_DELEGATIONS_AFTER);
    assertThat(config.followUps().settings()).isEqualTo(FollowUpSettings.DEFAULT);
  }

  @Test
  void should_show_the_code_defaults_in_help() {
    CommandLine cli = new CommandLine(new ServeCommand());
    String plain = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    cli.setDefaultValueProvider(new ConfigDefaults(Map.of(), new Properties(), Optional.empty()));
    String throughConfigDefaults = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);

    for (String help : new String[] {plain, throughConfigDefaults}) {
      assertThat(help.replaceAll("\\s+", " "))
          .contains("(default: " + DurationText.of(ProcessorSettings.DEFAULT_TURN_TIMEOUT) + ")")
          .contains("(default: " + DurationText.of(PoolConfig.DEFAULT_MAX_TIMEOUT) + ")")
          .contains("(default: " + PoolConfig.DEFAULT_WORKERS + ")")
          .contains("(default: " + ServerConfig.DEFAULT_BIND + ")")
          .contains("(default: " + ServerConfig.DEFAULT_AGENT + ")")
          .contains("(default: " + DurationText.of(ProcessorOptions.DEFAULT_SHUTDOWN_GRACE) + ")")
          .contains(
              "(default: " + DurationText.of(ServerConfig.DEFAULT_FINISH_DELEGATIONS_AFTER) + ")")
          .contains("up to " + DurationText.of(RetryPolicy.DEFAULT_MAX_DELAY) + ".")
          .doesNotContain("default: PT")
          .doesNotContain("default: null");
    }
  }

  @Test
  void should_document_every_built_in_default_in_the_readme() throws IOException {
    Map<String, String> documented = readmeDefaults();
    Map<String, String> builtIn = new HashMap<>();
    for (OptionSpec option : new CommandLine(new ServeCommand()).getCommandSpec().options()) {
      String value = BuiltInDefaults.of(option);
      if (value != null && !option.usageHelp() && !option.versionHelp()) {
        builtIn.put(option.longestName(), "`" + value + "`");
      }
    }

    assertThat(builtIn).containsKeys("--lease", "--workers", "--shutdown-grace");
    builtIn.forEach(
        (flag, value) ->
            assertThat(documented.get(flag)).as("README default of " + flag).isEqualTo(value));
    assertThat(Files.readString(readme()))
        .contains("doubling up to " + RetryPolicy.DEFAULT_MAX_DELAY.toMinutes() + " min");
  }

  private static Map<String, String> readmeDefaults() throws IOException {
    Map<String, String> defaults = new HashMap<>();
    Matcher row = README_ROW.matcher(Files.readString(readme()));
    while (row.find()) {
      defaults.putIfAbsent(row.group(1), row.group(2).strip());
    }
    return defaults;
  }

  /** The README at the root of the checkout; tests run in the module's directory. */
  private static Path readme() {
    return Path.of("").toAbsolutePath().getParent().resolve("README.md");
  }
}
