package dev.delegate.server.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code git} with an argument array (never a shell string) in one directory. */
final class GitCli {
  private final Path directory;

  GitCli(Path directory) {
    this.directory = directory;
  }

  String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-c");
    command.add("core.hooksPath=/dev/null");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    if (code != 0) {
      throw new IOException(
          "git " + String.join(" ", args) + " failed (" + code + "): " + output.strip());
    }
    return output;
  }
}
