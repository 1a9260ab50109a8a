package dev.delegate.server.demo;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.scripted.SampleApp;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code delegate demo}: the seed's "Add Export Button" example on this machine. A sample web app
 * becomes a git repository with a feature branch holding TASK.md; a worker pool's agent session
 * implements the task in it; the change is committed on the branch; the diff and the time of each
 * step are printed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the seed's \"Add Export Button\" example end to end and prints the "
            + "diff and the time of each step.")
public final class DemoCommand implements Callable<Integer> {
  static final Task EXPORT_BUTTON =
      new Task(
          "Add Export Button",
          "Add an export button to the UI",
          "Use existing button styles",
          List.of("Button appears in header", "Exports data as JSON"));

  @Option(
      names = "--agent",
      defaultValue = "scripted",
      description = "Agent profile to run (default: ${DEFAULT-VALUE}).")
  String agent;

  @Option(
      names = "--data-dir",
      description = "Where to keep the demo's data (default: a new " + "temporary folder).")
  Path dataDir;

  @Option(names = "--profiles-dir", description = "Extra agent profiles, *.yaml.")
  Path profilesDir;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    Path data = dataDir != null ? dataDir : Files.createTempDirectory("delegate-demo-");
    AgentProfile profile =
        ProfileCatalog.load(Optional.ofNullable(profilesDir))
            .get(agent, ProfileVariables.forThisJvm());
    out.println("Delegate demo: the seed's \"Add Export Button\" task, end to end");
    out.println("  agent: " + profile.name() + " (" + profile.description() + ")");
    out.println("  data:  " + data);
    out.println();
    Steps steps = new Steps(out);
    SessionContext context =
        new SessionContext(
            ApprovalPolicy.TRUST_ALL,
            Clock.systemUTC(),
            SessionContext.agentEnvironment(),
            PoolConfig.DEFAULT_MAX_OUTPUT_CHARS);
    try (WorkerPool pool = new WorkerPool(PoolConfig.defaults(1, data), profile, context)) {
      pool.start();
      steps.waitFor(
          "agent session ready",
          () -> pool.snapshot().workers().get(0).state().equals("READY"),
          Duration.ofSeconds(profile.startup().timeoutMs() / 1000 + 5));
      String branch = "feature/add-export-button-" + System.currentTimeMillis();
      String agentName = profile.displayName();
      Path[] workspace = new Path[1];
      TurnResult result =
          pool.submit(
                  new TurnRequest(
                      "demo-" + System.currentTimeMillis(),
                      TaskDocument.prompt(EXPORT_BUTTON),
                      Duration.ofMinutes(5),
                      dir -> {
                        workspace[0] = dir;
                        steps.timed(
                            "repository prepared: " + branch + " with TASK.md",
                            () -> prepare(dir, branch, agentName));
                      }))
              .get(6, TimeUnit.MINUTES);
      steps.done("agent turn " + result.outcome() + ", " + approvals(result), result.duration());
      if (result.outcome() != TurnOutcome.COMPLETED) {
        out.println(
            "the agent did not finish: " + result.failure().orElse(result.outcome().name()));
        return 1;
      }
      GitCli git = new GitCli(workspace[0]);
      String commit = steps.timed("changes committed on " + branch, () -> commit(git, agentName));
      out.println();
      out.println("--- agent output (last lines) ---");
      out.println(lastLines(result.output(), 12));
      out.println("--- " + commit.strip());
      out.println(git.run("show", "--stat", "--format=", "HEAD").stripTrailing());
      out.println("--- diff ---");
      out.println(git.run("show", "--format=", "HEAD").stripTrailing());
      out.println();
      out.println("workspace: " + workspace[0] + "  transcript: " + result.transcript());
      return 0;
    }
  }

  private static String prepare(Path dir, String branch, String agentName) throws Exception {
    GitCli git = new GitCli(dir);
    if (!Files.exists(dir.resolve(".git"))) {
      SampleApp.copyTo(dir);
      git.run("init", "-q", "-b", "main");
      identity(git);
      git.run("add", "-A");
      git.run("commit", "-q", "-m", "Sample app");
    }
    git.run("checkout", "-q", "-B", branch, "main");
    Files.writeString(
        dir.resolve(TaskDocument.FILE_NAME), TaskDocument.markdown(EXPORT_BUTTON, agentName));
    git.run("add", TaskDocument.FILE_NAME);
    git.run("commit", "-q", "-m", "feat: " + EXPORT_BUTTON.title());
    return branch;
  }

  private static String commit(GitCli git, String agentName) throws Exception {
    git.run("add", "-A");
    if (git.run("status", "--porcelain").isBlank()) {
      throw new IllegalStateException("the agent made no changes");
    }
    git.run("commit", "-q", "-m", "feat: implement feature via " + agentName);
    return git.run("log", "-1", "--format=commit %h %s");
  }

  private static void identity(GitCli git) throws Exception {
    git.run("config", "user.name", "Delegate");
    git.run("config", "user.email", "delegate@localhost");
  }

  private static String approvals(TurnResult result) {
    int count = result.approvals().size();
    return count
        + (count == 1 ? " approval" : " approvals")
        + " answered"
        + (count == 0
            ? ""
            : " ("
                + String.join(
                    ", ",
                    result.approvals().stream()
                        .map(
                            a ->
                                a.tool().orElse("?")
                                    + " "
                                    + a.verdict().name().toLowerCase(Locale.ROOT))
                        .toList())
                + ")");
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
