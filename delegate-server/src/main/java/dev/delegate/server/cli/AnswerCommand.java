package dev.delegate.server.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delegate answer}: a person's answer to the question a job's agent asked. */
@Command(
    name = "answer",
    mixinStandardHelpOptions = true,
    description =
        "Answers the agent's question of a job waiting for input (NEEDS_INPUT); the agent goes on"
            + " in the same conversation.")
public final class AnswerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job whose agent asks.")
  String jobId;

  @Parameters(index = "1", paramLabel = "TEXT", description = "The answer, typed into the agent.")
  String text;

  @Mixin ApiUrlOption api = new ApiUrlOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ApiClient.Response answer =
          new ApiClient(api.url, access.token())
              .post(
                  "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "/input",
                  Map.of("text", text));
      if (answer.status() != 202) {
        err.println("delegate: " + answer.errorMessage());
        err.flush();
        return answer.status() == 400 ? Exit.USAGE : Exit.FAILED;
      }
      out.println("answer sent to job " + jobId + "; follow it with: delegate status " + jobId);
      out.flush();
      return Exit.SUCCEEDED;
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }

  /**
   * For a job waiting for input: the agent's question and the exact command that answers it, as
   * {@code status} and {@code submit} print them; {@code urlOption} is {@link
   * ApiUrlOption#asOption()}.
   */
  static void printQuestion(String jobId, String question, String urlOption, PrintWriter out) {
    out.println("  the agent asks: " + question);
    out.println("  answer with: bin/delegate answer " + jobId + " '<your answer>'" + urlOption);
  }
}
