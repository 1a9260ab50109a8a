package dev.delegate.server;

import dev.delegate.core.PermanentException;
import dev.delegate.server.cli.UnknownOptions;
import dev.delegate.server.config.ConfigDefaults;
import dev.delegate.server.launch.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code delegate} command. */
@Command(
    name = "delegate",
    mixinStandardHelpOptions = true,
    version = "delegate 0.1.0",
    description = "Hands coding tasks to AI agent CLIs running in pseudo-terminals.",
    subcommands = {
      ServeCommand.class,
      dev.delegate.server.demo.DemoCommand.class,
      dev.delegate.server.cli.SubmitCommand.class,
      dev.delegate.server.cli.StatusCommand.class,
      dev.delegate.server.cli.AnswerCommand.class,
      dev.delegate.server.cli.RetryCommand.class,
      dev.delegate.server.cli.CancelCommand.class,
      dev.delegate.server.cli.WorkersCommand.class
    })
public final class Main {
  public static final int EXIT_CONFIG = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    CommandLine cli = commandLine();
    try {
      cli.setDefaultValueProvider(ConfigDefaults.load(args, System.getenv()));
    } catch (PermanentException e) {
      System.err.println("delegate: " + e.getMessage());
      return EXIT_CONFIG;
    }
    return cli.execute(args);
  }

  /**
   * The command line as {@link #run} executes it, less the defaults from the environment and the
   * config file: unknown options named first, a setting that cannot be used said in one line.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler(new UnknownOptions());
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof PermanentException) {
            command.getErr().println("delegate: " + e.getMessage());
            return EXIT_CONFIG;
          }
          throw e;
        });
    return cli;
  }
}
