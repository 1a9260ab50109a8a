package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Budget;
import dev.delegate.server.http.BudgetJson;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delegate submit}: posts a task to the delegation API, prints the pull request, then one
 * line per job state until the job ends or asks a question, following the job's event stream.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Delegates a task and follows its job until it ends.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the job SUCCEEDED",
      "1:the job FAILED, TIMED_OUT or was CANCELLED",
      "2:bad options or the server refused the task",
      "3:the agent asked a question (NEEDS_INPUT)",
      "4:cannot connect to the server"
    })
public final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Option(names = "--title", required = true, description = "The task's title.")
  String title;

  @Option(names = "--objective", required = true, description = "What to build.")
  String objective;

  @Option(names = "--constraints", description = "Constraints on the solution.")
  String constraints;

  @Option(names = "--criterion", description = "An acceptance criterion (repeatable).")
  List<String> criteria = new ArrayList<>();

  @Option(
      names = "--checked-criterion",
      paramLabel = "TEXT::COMMAND",
      description =
          "An acceptance criterion shown by a shell command run in the job's workspace after the"
              + " agent's work, exit code 0 meaning met, e.g. 'Exports JSON::npm test -- export'"
              + " (repeatable; listed after the --criterion ones).")
  List<String> checkedCriteria = new ArrayList<>();

  @Option(names = "--repo", description = "Repository owner/name (default: the server's).")
  String repo;

  @Option(names = "--base", description = "Base branch (default: main).")
  String base;

  @Option(
      names = "--max-cost-usd",
      paramLabel = "USD",
      description =
          "The most the job may spend in US dollars, as its agent reports it (default: the"
              + " processor's --max-cost-usd, if any).")
  BigDecimal maxCostUsd;

  @Option(
      names = "--max-credits",
      paramLabel = "CREDITS",
      description = "The most the job may spend in Kiro credits (default: the processor's).")
  BigDecimal maxCredits;

  @Mixin ApiUrlOption api = new ApiUrlOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> badLimit =
        Optional.ofNullable(maxCostUsd)
            .flatMap(v -> BudgetJson.problem("--max-cost-usd", v))
            .or(
                () ->
                    Optional.ofNullable(maxCredits)
                        .flatMap(v -> BudgetJson.problem("--max-credits", v)));
    if (badLimit.isPresent()) {
      err.println("delegate: " + badLimit.get());
      err.flush();
      return Exit.USAGE;
    }
    ApiClient client = new ApiClient(api.url, access.token());
    try {
      ApiClient.Response answer = client.post("/api/delegate/personal", body());
      if (answer.status() != 201) {
        err.println(
            "delegate: the server refused the task ("
                + answer.status()
                + "): "
                + answer.errorMessage());
        answer
            .json()
            .path("error")
            .path("fields")
            .properties()
            .forEach(
                field -> err.println("  " + field.getKey() + ": " + field.getValue().asText()));
        err.flush();
        return answer.status() / 100 == 4 ? Exit.USAGE : Exit.FAILED;
      }
      JsonNode created = answer.json();
      out.println("Pull request: " + created.path("prUrl").asText());
      out.println(
          "  #"
              + created.path("prNumber").asInt()
              + " on "
              + created.path("branch").asText()
              + ", job "
              + created.path("jobId").asText());
      out.flush();
      return follow(client, created.path("jobId").asText(), out);
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }

  /**
   * Follows the job until it settles, printing each state it reaches with the time since it was
   * created and the agent's latest output line meanwhile ({@link JobProgress}: in place on a
   * terminal), then its failure or question; the exit code for how it ended.
   */
  static int follow(ApiClient client, String jobId, PrintWriter out)
      throws ApiClient.CannotConnect, InterruptedException {
    return follow(client, jobId, out, JobProgress.forConsole(out, JobProgress.onTerminal()));
  }

  /** As {@link #follow(ApiClient, String, PrintWriter)}, showing progress as {@code progress}. */
  static int follow(ApiClient client, String jobId, PrintWriter out, JobProgress progress)
      throws ApiClient.CannotConnect, InterruptedException {
    JobFollower.Outcome outcome;
    try (JobProgress shown = progress.watch(client, jobId)) {
      outcome =
          new JobFollower(client, shown)
              .follow(jobId, JobFollower.Until.SETTLED, JobFollower.NO_LIMIT);
    }
    return switch (outcome) {
      case JobFollower.Outcome.Unreadable u -> {
        out.println("cannot read job " + jobId + ": " + u.answer().errorMessage());
        out.flush();
        yield Exit.FAILED;
      }
      case JobFollower.Outcome.StillGoing s ->
          throw new IllegalStateException("bug: following without a limit ran out of time");
      case JobFollower.Outcome.Settled settled -> {
        JsonNode job = settled.job();
        JsonNode failure = job.path("failure");
        if (failure.isTextual()) {
          out.println("  " + failure.asText());
        }
        UsageLines.print(job, out);
        JsonNode question = job.path("question");
        if (question.isTextual()) {
          AnswerCommand.printQuestion(
              jobId, question.asText(), ApiUrlOption.asOption(client.base()), out);
        }
        out.flush();
        yield Exit.forState(job.path("state").asText());
      }
    };
  }

  private Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("objective", objective);
    if (constraints != null) {
      body.put("constraints", constraints);
    }
    List<Object> all = new ArrayList<>(criteria);
    for (String checked : checkedCriteria) {
      int split = checked.indexOf("::");
      if (split < 0) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--checked-criterion takes TEXT::COMMAND; '" + checked + "' has no '::'");
      }
      all.add(
          Map.of(
              "text", checked.substring(0, split).strip(),
              "check", checked.substring(split + 2).strip()));
    }
    if (!all.isEmpty()) {
      body.put("acceptanceCriteria", all);
    }
    if (repo != null) {
      int slash = repo.indexOf('/');
      if (slash >= 0) {
        body.put("owner", repo.substring(0, slash));
        body.put("repo", repo.substring(slash + 1));
      } else {
        body.put("repo", repo);
      }
    }
    if (base != null) {
      body.put("baseBranch", base);
    }
    Budget budget = new Budget(Optional.ofNullable(maxCostUsd), Optional.ofNullable(maxCredits));
    if (!budget.isNone()) {
      body.put("budget", BudgetJson.of(budget));
    }
    return body;
  }
}
