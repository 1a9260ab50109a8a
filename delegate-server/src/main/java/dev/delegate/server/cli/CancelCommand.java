package dev.delegate.server.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delegate cancel}: cancels a job and follows it until it is cancelled. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancels a job: a queued one leaves the queue, a running one has its agent interrupted"
            + " and nothing is committed. Waits until the job is CANCELLED; exits 0 then,"
            + " 1 when it could not be cancelled (it ended, or its commit is being pushed).")
public final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Parameters(paramLabel = "JOB_ID", description = "The job to cancel.")
  String jobId;

  @Option(names = "--reason", description = "Why, shown on the job and the pull request.")
  String reason;

  @Option(
      names = "--wait",
      defaultValue = "60s",
      converter = dev.delegate.server.config.DurationConverter.class,
      description = "How long to wait for a running job to stop (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Mixin ApiUrlOption api = new ApiUrlOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null) {
      body.put("reason", reason);
    }
    String path = "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8);
    try {
      ApiClient client = new ApiClient(api.url, access.token());
      ApiClient.Response answer = client.post(path + "/cancel", body);
      if (answer.status() != 200 && answer.status() != 202) {
        err.println("delegate: " + answer.errorMessage());
        err.flush();
        return answer.status() == 400 ? Exit.USAGE : Exit.FAILED;
      }
      if (answer.status() == 202) {
        out.println("Cancelling job " + jobId + " (" + answer.json().path("state").asText() + ")");
        out.flush();
      }
      JobFollower follower = new JobFollower(client, job -> {});
      switch (follower.follow(jobId, JobFollower.Until.FINAL, wait)) {
        case JobFollower.Outcome.Unreadable u -> {
          err.println("delegate: cannot read job " + jobId + ": " + u.answer().errorMessage());
          err.flush();
          return Exit.FAILED;
        }
        case JobFollower.Outcome.StillGoing still -> {
          err.println(
              "delegate: job "
                  + jobId
                  + " is still "
                  + still.job().path("state").asText()
                  + " after "
                  + wait.toSeconds()
                  + " s; its node ends it when it sees the cancel");
          err.flush();
          return Exit.FAILED;
        }
        case JobFollower.Outcome.Settled ended -> {
          String state = ended.job().path("state").asText();
          if (!state.equals("CANCELLED")) {
            err.println("delegate: job " + jobId + " ended " + state + " before the cancel took");
            err.flush();
            return Exit.FAILED;
          }
          out.println("Job " + jobId + " cancelled; nothing was committed for it.");
          out.flush();
          return Exit.SUCCEEDED;
        }
      }
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }
}
