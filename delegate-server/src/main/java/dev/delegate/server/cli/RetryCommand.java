package dev.delegate.server.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delegate retry}: a new job for an ended job's pull request, then follows it. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description =
        "Starts a new job on an ended job's pull request and branch (earlier commits stay),"
            + " optionally with extra instructions for the agent, then follows it like submit.")
public final class RetryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Parameters(paramLabel = "JOB_ID", description = "The ended job to run again.")
  String jobId;

  @Option(
      names = "--instructions",
      description = "Added to the agent's prompt, e.g. what to do differently this time.")
  String instructions;

  @Mixin ApiUrlOption api = new ApiUrlOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> body = new LinkedHashMap<>();
    if (instructions != null) {
      body.put("instructions", instructions);
    }
    try {
      ApiClient client = new ApiClient(api.url, access.token());
      ApiClient.Response answer =
          client.post(
              "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "/retry", body);
      if (answer.status() != 202) {
        err.println("delegate: " + answer.errorMessage());
        err.flush();
        return answer.status() == 400 ? Exit.USAGE : Exit.FAILED;
      }
      String next = answer.json().path("jobId").asText();
      out.println(
          "Retrying job "
              + jobId
              + " as job "
              + next
              + " on "
              + answer.json().path("branch").asText());
      out.flush();
      return SubmitCommand.follow(client, next, out);
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }
}
