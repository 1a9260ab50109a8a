package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.config.ServerConfig.Role;
import dev.delegate.server.launch.ServeCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The systemd units and their example environment files in {@code deploy/systemd} start a node with
 * the roles they name: every variable is an option of {@code serve}, and the unit's command line
 * with that environment is a valid configuration.
 */
class DeployFilesTest {
  private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=\\S+ serve (.*)$");

  @TempDir Path temp;

  static Stream<Arguments> units() {
    return Stream.of(
        Arguments.of("delegate-api.service", "api.env.example", List.of(Role.API)),
        Arguments.of(
            "delegate-worker.service", "worker.env.example", List.of(Role.PROCESSOR, Role.POOL)));
  }

  private static Path deploy() {
    return Path.of("").toAbsolutePath().getParent().resolve("deploy/systemd");
  }

  @ParameterizedTest
  @MethodSource("units")
  void should_start_the_roles_it_names_with_every_variable_an_option(
      String unit, String env, List<Role> roles) throws IOException {
    Map<String, String> environment = environment(deploy().resolve(env));
    ServeCommand command = new ServeCommand();
    CommandLine cli = new CommandLine(command);
    for (String name : environment.keySet()) {
      String option = "--" + name.substring("DELEGATE_".length()).toLowerCase().replace('_', '-');
      assertThat(cli.getCommandSpec().findOption(option))
          .as(env + ": " + name + " is no option of serve (" + option + ")")
          .isNotNull();
    }
    environment.put("DELEGATE_DATA_DIR", temp.toString()); // not /var/lib on a test machine
    Path password = Files.writeString(temp.resolve("database-password"), "secret\n");
    cli.setDefaultValueProvider(
        new ConfigDefaults(environment, new Properties(), Optional.empty()));
    cli.parseArgs(args(Files.readString(deploy().resolve(unit)), password));

    ServerConfig config = command.toConfig();

    assertThat(config.roles()).containsExactlyInAnyOrderElementsOf(roles);
    assertThat(config.database().url()).contains(environment.get("DELEGATE_DATABASE_URL"));
    assertThat(config.database().password()).contains("secret");
    assertThat(config.token()).isPresent();
  }

  private static String[] args(String unit, Path password) {
    Matcher exec = EXEC_START.matcher(unit);
    assertThat(exec.find()).as("ExecStart runs delegate serve").isTrue();
    List<String> args = new ArrayList<>();
    for (String arg : exec.group(1).strip().split("\\s+")) {
      args.add(arg.replace("${CREDENTIALS_DIRECTORY}/database-password", password.toString()));
    }
    return args.toArray(String[]::new);
  }

  private static Map<String, String> environment(Path file) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      int equals = text.indexOf('=');
      environment.put(text.substring(0, equals), text.substring(equals + 1));
    }
    return environment;
  }
}
