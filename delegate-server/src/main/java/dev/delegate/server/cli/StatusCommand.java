package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delegate status}: one job, by id or by its pull request's number. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Prints a job: state, attempts, steps with timings, commit, usage and budget, failure,"
            + " the agent's question."
            + " Exits 0 for a job that succeeded or is still at work, 3 for one waiting for an"
            + " answer, 1 for one that FAILED, TIMED_OUT or was CANCELLED. With --follow, a job"
            + " at work is followed until it ends or asks a question.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Parameters(paramLabel = "JOB_ID|PR_NUMBER", description = "A job id or a pull request number.")
  String target;

  @Option(
      names = "--repo",
      description = "Repository owner/name of a PR_NUMBER (default: the " + "server's).")
  String repo;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Follow a job still at work until it ends or asks a question: its states, and the"
              + " agent's latest output line (in place on a terminal). Exits as submit does.")
  boolean follow;

  @Mixin ApiUrlOption api = new ApiUrlOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String path =
        target.matches("\\d{1,9}")
            ? "/api/jobs?pr=" + target + (repo == null ? "" : "&repo=" + encode(repo))
            : "/api/jobs/" + encode(target);
    try {
      ApiClient client = new ApiClient(api.url, access.token());
      ApiClient.Response answer = client.get(path);
      if (answer.status() != 200) {
        err.println("delegate: " + answer.errorMessage());
        err.flush();
        return answer.status() == 400 ? Exit.USAGE : Exit.FAILED;
      }
      print(answer.json(), out);
      if (answer.json().path("question").isTextual()) {
        AnswerCommand.printQuestion(
            answer.json().path("id").asText(),
            answer.json().path("question").asText(),
            api.asOption(),
            out);
      }
      out.flush();
      String state = answer.json().path("state").asText();
      if (follow && Exit.isActive(state)) {
        out.println();
        return SubmitCommand.follow(client, answer.json().path("id").asText(), out);
      }
      return Exit.isActive(state) ? Exit.SUCCEEDED : Exit.forState(state);
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }

  static void print(JsonNode job, PrintWriter out) {
    out.println("job " + job.path("id").asText() + "  " + job.path("state").asText());
    out.println(
        "  pull request: "
            + job.path("owner").asText()
            + "/"
            + job.path("repo").asText()
            + "#"
            + job.path("prNumber").asInt()
            + " on "
            + job.path("branch").asText());
    out.println("  attempts: " + job.path("attempts").asInt());
    out.println("  steps:");
    job.path("timingsMs")
        .properties()
        .forEach(
            step ->
                out.printf(
                    Locale.ROOT,
                    "    %-12s %8.2f s%n",
                    step.getKey(),
                    step.getValue().asLong() / 1000.0));
    if (job.path("commit").isTextual()) {
      out.println("  commit: " + job.path("commit").asText());
    }
    UsageLines.print(job, out);
    CriteriaLines.print(job, out);
    if (job.path("failure").isTextual()) {
      out.println("  failure: " + job.path("failure").asText());
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
