package dev.delegate.server.processor;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.launch.ServeCommand;
import dev.delegate.server.pool.PoolRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Test data: branches with TASK.md and pull requests on the local forge, slow scenarios. */
final class Fixtures {
  static final RepoRef REPO = ProcessorRole.SAMPLE_REPO;

  private Fixtures() {}

  /** Creates {@code branch} from main with TASK.md, and its pull request. */
  static PullRequest pullRequest(LocalForge forge, String branch, Task task) {
    forge.createBranch(REPO, branch, "main");
    forge.putFile(
        REPO,
        branch,
        TaskDocument.FILE_NAME,
        TaskDocument.markdown(task, "scripted agent"),
        "feat: " + task.title());
    return forge.createPullRequest(REPO, task.title(), task.objective(), branch, "main");
  }

  static Task task(String objective) {
    return Task.of("Task " + objective.hashCode(), objective, null, null);
  }

  /**
   * A profile "slow-scripted": the scripted agent with extra scenarios, among them {@code
   * slow-notes NAME} (thinks {@code seconds}, then writes NOTES-NAME.md).
   */
  static Path slowProfile(Path dir, double seconds) throws IOException {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("slow-notes.scenario"),
        """
        match slow-notes (\\w+)
        think %s
        write NOTES-${1}.md <<EOF
        Notes for ${1}: ${prompt}
        EOF
        reply wrote NOTES-${1}.md
        """
            .formatted(seconds));
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("slow-scripted.yaml"),
        """
        name: slow-scripted
        extends: scripted
        args: [-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -Xmx24m, -Xss256k, -cp,
               '${scripted.classpath}', dev.delegate.scripted.ScriptedAgent, --ui, legacy,
               --scenarios, '%s']
        """
            .formatted(scenarios));
    return profiles;
  }

  /**
   * Starts {@code serve --roles processor,pool} with one slow-scripted worker as a child process on
   * {@code data}, its output in {@code log}; {@code extra} are more options.
   */
  static Process startNode(Path data, int port, Path profiles, Path log, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--roles",
                "processor,pool",
                "--workers",
                "1",
                "--pool-port",
                "0",
                "--processor-port",
                String.valueOf(port),
                "--profiles-dir",
                profiles.toString(),
                "--agent",
                "slow-scripted"));
    args.addAll(List.of(extra));
    return startServe(data, log, args);
  }

  /** Starts {@code serve --data-dir data} with {@code args} as a child process, output in log. */
  static Process startServe(Path data, Path log, List<String> args) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dpty4j.tmpdir=" + System.getProperty("pty4j.tmpdir", "/tmp"),
                "dev.delegate.server.Main",
                "serve",
                "--data-dir",
                data.toString()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** A worker pool and a PR processor started in this process, as {@code serve} starts them. */
  record InProcessNode(PoolRole pool, ProcessorRole processor) implements AutoCloseable {
    @Override
    public void close() {
      processor.close();
      pool.close();
    }
  }

  /**
   * Starts {@code serve --roles processor,pool} in this process on {@code data}, on free ports,
   * with {@code options}.
   */
  static InProcessNode startInProcess(Path data, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("--data-dir", data.toString(), "--pool-port", "0", "--processor-port", "0"));
    args.addAll(List.of(options));
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    ServerConfig config = command.toConfig();
    PoolRole pool = PoolRole.start(config).serve(config);
    try {
      return new InProcessNode(pool, ProcessorRole.start(config, pool.pool()));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Commit subjects and trailers on {@code branch} after {@code base}, newest first. */
  static List<String> commitsAfter(LocalForge forge, String base, String branch) throws Exception {
    Process git =
        new ProcessBuilder(
                "git",
                "--git-dir",
                forge.repositoryPath(REPO).toString(),
                "log",
                "--format=%s|%(trailers:key=Delegate-Job,valueonly)",
                base + ".." + branch)
            .redirectErrorStream(true)
            .start();
    String out = new String(git.getInputStream().readAllBytes()).strip();
    git.waitFor();
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  static String show(LocalForge forge, String branch, String path) throws Exception {
    Process git =
        new ProcessBuilder(
                "git",
                "--git-dir",
                forge.repositoryPath(REPO).toString(),
                "show",
                branch + ":" + path)
            .redirectErrorStream(true)
            .start();
    String out = new String(git.getInputStream().readAllBytes());
    git.waitFor();
    return out;
  }
}
