package dev.delegate.server.delegation;

import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.launch.ServeCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Starts roles in this JVM on 127.0.0.1 and free ports, as {@code delegate serve} would. */
public final class Servers {
  private Servers() {}

  /** The options of a test server; {@code extra} may give an option again to override it. */
  public static ServerConfig config(Path data, String roles, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--roles", roles,
                "--data-dir", data.toString(),
                "--workers", "1",
                "--api-port", "0",
                "--pool-port", "0",
                "--processor-port", "0",
                "--max-attempts", "1"));
    args.addAll(List.of(extra));
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .setOverwrittenOptionsAllowed(true)
        .parseArgs(args.toArray(String[]::new));
    return command.toConfig();
  }

  public static Roles start(Path data, String roles, String... extra) {
    return Roles.start(config(data, roles, extra), new PrintStream(PrintStream.nullOutputStream()));
  }
}
