package dev.delegate.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option's value comes from when the command line does not give it, in this order: the
 * environment variable {@code DELEGATE_<NAME>} (upper case, dashes as underscores, e.g. {@code
 * DELEGATE_POOL_PORT}), then the key {@code <name>} in the config file (e.g. {@code pool-port}),
 * then the option's built-in default ({@link BuiltInDefaults}). The command line beats all three.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
  public static final String CONFIG_ENV = "DELEGATE_CONFIG";

  private final Map<String, String> environment;
  private final Properties file;
  private final Optional<Path> fileLocation;

  ConfigDefaults(Map<String, String> environment, Properties file, Optional<Path> fileLocation) {
    this.environment = Map.copyOf(environment);
    this.file = file;
    this.fileLocation = fileLocation;
  }

  /**
   * Reads the config file named by {@code --config} in {@code args}, else by {@code
   * DELEGATE_CONFIG}, else {@code ~/.config/delegate/delegate.properties} when it exists.
   */
  public static ConfigDefaults load(String[] args, Map<String, String> environment) {
    Optional<Path> named =
        configArgument(args)
            .or(() -> Optional.ofNullable(environment.get(CONFIG_ENV)))
            .map(Path::of);
    Optional<Path> location =
        named.or(
            () -> {
              Path home =
                  Path.of(
                      System.getProperty("user.home"),
                      ".config",
                      "delegate",
                      "delegate.properties");
              return Files.isRegularFile(home) ? Optional.of(home) : Optional.empty();
            });
    Properties properties = new Properties();
    if (location.isPresent()) {
      Path file = location.get();
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("config file " + file + " does not exist");
      }
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
      }
    }
    return new ConfigDefaults(environment, properties, location);
  }

  public Optional<Path> fileLocation() {
    return fileLocation;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String name = option.longestName().replaceFirst("^--", "");
    String fromEnv = environment.get(envName(name));
    if (fromEnv != null) {
      return fromEnv;
    }
    String fromFile = file.getProperty(name);
    return fromFile != null ? fromFile.strip() : BuiltInDefaults.of(option);
  }

  /** {@code pool-port} becomes {@code DELEGATE_POOL_PORT}. */
  public static String envName(String optionName) {
    return "DELEGATE_" + optionName.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static Optional<String> configArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Optional.of(args[i].substring("--config=".length()));
      }
    }
    return Optional.empty();
  }
}
