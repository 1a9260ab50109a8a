package dev.delegate.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.DurationText;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.job.ProcessorSettings;
import dev.delegate.core.task.Task;
import dev.delegate.server.cli.ApiClient;
import dev.delegate.server.cli.JobFollower;
import dev.delegate.server.cli.JobFollower.Until;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.CriteriaJson;
import dev.delegate.server.launch.LogOptions;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.launch.ServeCommand;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code delegate demo}: the seed's "Add Export Button" example through the whole pipeline. The
 * three roles start in this process on free ports with a fresh data directory; the task is posted
 * to the delegation API over HTTP; the job is followed to its end; the pull request, its diff and
 * the time of each step are printed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the seed's \"Add Export Button\" example end to end and prints the "
            + "pull request, its diff and the time of each step.")
public final class DemoCommand implements Callable<Integer> {
  /**
   * The seed's example; two of its criteria carry check commands, and the one about CHANGELOG.md is
   * missed by the agent's first turn, so the demo shows a fix round and the checklist.
   */
  static final Task EXPORT_BUTTON =
      new Task(
          "Add Export Button",
          "Add an export button to the UI",
          "Use existing button styles",
          List.of(
              Criterion.of("Button appears in header"),
              Criterion.checked(
                  "Exports data as JSON", "grep -n application/json apps/frontend/public/app.js"),
              Criterion.checked(
                  "CHANGELOG.md mentions the export", "grep -in export CHANGELOG.md")));

  /** How long the demo's pull request must be quiet before a comment starts a follow-up job. */
  static final Duration REVIEW_DEBOUNCE = Duration.ofSeconds(10);

  /** The job's one turn, and a minute for the rest of it. */
  static final Duration JOB_LIMIT = ProcessorSettings.DEFAULT_TURN_TIMEOUT.plusMinutes(1);

  @Option(
      names = "--agent",
      defaultValue = ServerConfig.DEFAULT_AGENT,
      description = "Agent profile to run (default: ${DEFAULT-VALUE}).")
  String agent;

  @Option(
      names = "--data-dir",
      description = "Where to keep the demo's data (default: a new " + "temporary folder).")
  Path dataDir;

  @Option(names = "--profiles-dir", description = "Extra agent profiles, *.yaml.")
  Path profilesDir;

  @Option(
      names = "--allow-untested-agent",
      description =
          "Run the agent even when its CLI's version is not one its profile was tested with.")
  boolean allowUntestedAgent;

  @Option(
      names = "--keep",
      description =
          "After the job, keep serving the web UI and the pull request page until Ctrl-C or"
              + " SIGTERM (exit code as without it); without it they stop when the demo ends.")
  boolean keep;

  @Mixin LogOptions logging = new LogOptions();

  private final PrintStream out;

  public DemoCommand() {
    this(System.out);
  }

  DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    Path data = dataDir != null ? dataDir : Files.createTempDirectory("delegate-demo-");
    out.println("Delegate demo: the seed's \"Add Export Button\" task, end to end");
    out.println("  agent: " + agent + "  data: " + data);
    out.println();
    Steps steps = new Steps(out);
    ServerConfig config = config(data);
    try (Roles roles = steps.timed("api, processor and pool started", () -> start(config))) {
      steps.waitFor(
          "agent session ready",
          () ->
              roles.pool().orElseThrow().pool().snapshot().workers().get(0).state().equals("READY"),
          Duration.ofMinutes(2));
      ApiClient api =
          new ApiClient(URI.create("http://127.0.0.1:" + roles.api().orElseThrow().port()));
      ApiClient.Response created =
          steps.timed(
              "POST /api/delegate/personal: branch, TASK.md, pull request, job queued",
              () -> api.post("/api/delegate/personal", request()));
      if (created.status() != 201) {
        out.println("the delegation API refused the task: " + created.text());
        return 1;
      }
      JsonNode pr = created.json();
      out.println(
          "  pull request #"
              + pr.path("prNumber").asInt()
              + ": "
              + pr.path("prUrl").asText()
              + (keep ? "" : " (served only while the demo runs; --keep serves it until Ctrl-C)"));
      out.println("  branch: " + pr.path("branch").asText());
      JsonNode job = follow(api, pr.path("jobId").asText(), steps);
      out.println();
      String path = "/api/prs/local/sample-app/" + pr.path("prNumber").asInt();
      JsonNode shown = api.get(path).json();
      out.println(
          "--- pull request #"
              + shown.path("number").asInt()
              + " \""
              + shown.path("title").asText()
              + "\" "
              + shown.path("head").asText()
              + " → "
              + shown.path("base").asText()
              + " ---");
      shown.path("comments").forEach(c -> out.println(c.asText().strip()));
      out.println("--- diff ---");
      out.println(api.get(path + "/diff").text().stripTrailing());
      out.println();
      steps.printSummary();
      out.println();
      int code = 0;
      if (!job.path("state").asText().equals("SUCCEEDED")) {
        out.println(
            "the job did not succeed: "
                + job.path("state").asText()
                + (job.path("failure").isTextual() ? ": " + job.path("failure").asText() : ""));
        code = 1;
      } else {
        out.println("transcript: " + job.path("transcript").asText());
      }
      if (keep) {
        serveUntilStopped(roles, pr.path("prUrl").asText(), code);
      }
      out.println(
          "The demo's server stops now, and its pull request page with it;"
              + " bin/delegate demo --keep serves it until Ctrl-C.");
      return code;
    }
  }

  /**
   * Keeps the roles serving until Ctrl-C or SIGTERM, then stops them and ends the process with
   * {@code code}: the signal ends the demo as it was meant to end, not as an interrupted one.
   */
  private void serveUntilStopped(Roles roles, String prUrl, int code) throws InterruptedException {
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  roles.close();
                  out.println("demo stopped");
                  out.flush();
                  Runtime.getRuntime().halt(code);
                }));
    out.println("Serving the pull request page until Ctrl-C (or SIGTERM): " + prUrl);
    out.println(
        "  comment there: the agent gets it in a follow-up job on the same branch once the pull"
            + " request is quiet for "
            + DurationText.of(REVIEW_DEBOUNCE));
    out.flush();
    forever.await();
  }

  private Roles start(ServerConfig config) {
    return Roles.start(config, new PrintStream(PrintStream.nullOutputStream()));
  }

  /**
   * Follows the job over its event stream until it ends, printing each state it left with the time
   * it spent in it, from the job's event log.
   */
  private JsonNode follow(ApiClient api, String jobId, Steps steps) throws Exception {
    int[] printed = {1}; // the first change is the job's creation: nothing came before it
    Consumer<JsonNode> print =
        job -> {
          List<JsonNode> changes = JobFollower.stateChanges(job);
          for (int i = printed[0]; i < changes.size(); i++) {
            JsonNode from = changes.get(i - 1);
            JsonNode to = changes.get(i);
            steps.done(
                Steps.inState(from.path("to").asText()),
                Duration.between(
                    Instant.parse(from.path("at").asText()),
                    Instant.parse(to.path("at").asText())));
          }
          printed[0] = Math.max(printed[0], changes.size());
        };
    return switch (new JobFollower(api, print).follow(jobId, Until.SETTLED, JOB_LIMIT)) {
      case JobFollower.Outcome.Settled settled -> settled.job();
      case JobFollower.Outcome.StillGoing still ->
          throw new IllegalStateException(
              "the job did not end within "
                  + JOB_LIMIT.toMinutes()
                  + " min; it is "
                  + still.job().path("state").asText());
      case JobFollower.Outcome.Unreadable unreadable ->
          throw new IllegalStateException(
              "cannot read job " + jobId + ": " + unreadable.answer().errorMessage());
    };
  }

  private ServerConfig config(Path data) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--data-dir",
                data.toString(),
                "--agent",
                agent,
                "--workers",
                "1",
                "--api-port",
                "0",
                "--pool-port",
                "0",
                "--processor-port",
                "0",
                "--max-attempts",
                "1",
                "--review-debounce",
                DurationText.of(REVIEW_DEBOUNCE)));
    if (profilesDir != null) {
      args.addAll(List.of("--profiles-dir", profilesDir.toString()));
    }
    if (allowUntestedAgent) {
      args.add("--allow-untested-agent");
    }
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args.toArray(String[]::new));
    return serve.toConfig();
  }

  private static Map<String, Object> request() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", EXPORT_BUTTON.title());
    body.put("objective", EXPORT_BUTTON.objective());
    body.put("constraints", EXPORT_BUTTON.constraints());
    body.put(CriteriaJson.FIELD, CriteriaJson.criteria(EXPORT_BUTTON.criteria()));
    return body;
  }
}
