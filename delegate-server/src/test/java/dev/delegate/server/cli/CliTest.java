package dev.delegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.server.Main;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code submit}, {@code status}, {@code cancel} and {@code workers}, and the job follower they
 * use, against a real server on free ports.
 */
class CliTest {
  @TempDir static Path data;
  static Roles roles;
  static String url;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool");
    url = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void should_submit_follow_the_job_and_exit_0_then_show_its_status() {
    Run submit =
        run(
            "submit",
            "--title",
            "Add Export Button",
            "--objective",
            "Add an export button to the UI",
            "--constraints",
            "Use existing button styles",
            "--criterion",
            "Button appears in header",
            "--criterion",
            "Exports data as JSON",
            "--repo",
            "local/sample-app",
            "--base",
            "main",
            "--url",
            url);

    assertThat(submit.code()).as(submit.out() + submit.err()).isZero();
    assertThat(submit.out())
        .contains("Pull request: " + url + "/prs/local/sample-app/")
        .containsPattern("feature/add-export-button-\\d{13}")
        .containsPattern("\\[ +\\d+\\.\\d\\d s\\] SUCCEEDED");
    assertThat(submit.out().lines().filter(l -> l.contains("SUCCEEDED")).count()).isEqualTo(1);
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");
    int pr = Integer.parseInt(submit.out().replaceAll("(?s).*\\n  #(\\d+) on .*", "$1"));

    Run byId = run("status", jobId, "--url", url);
    assertThat(byId.code()).isZero();
    assertThat(byId.out())
        .contains("job " + jobId + "  SUCCEEDED", "attempts: 1", "RUNNING", "commit: ");
    Run byPr = run("status", String.valueOf(pr), "--repo", "local/sample-app", "--url", url);
    assertThat(byPr.code()).isZero();
    assertThat(byPr.out()).contains("job " + jobId);
    assertThat(run("status", "no-such-job", "--url", url).code()).isEqualTo(1);
  }

  @Test
  void should_print_the_question_and_the_answer_command_then_answer_it() {
    Run submit =
        run(
            "submit",
            "--title",
            "Ask first",
            "--objective",
            "scenario:ask-then-write",
            "--url",
            url);

    assertThat(submit.code()).as(submit.out() + submit.err()).isEqualTo(3);
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");
    assertThat(submit.out())
        .contains("NEEDS_INPUT")
        .contains("the agent asks: Which file name should the export use?")
        .contains("answer with: bin/delegate answer " + jobId + " '<your answer>' --url " + url);
    Run waiting = run("status", jobId, "--url", url);
    assertThat(waiting.code()).isEqualTo(3);
    Run notEnded = run("retry", jobId, "--url", url);
    assertThat(notEnded.code()).isEqualTo(1);
    assertThat(notEnded.err()).contains("is NEEDS_INPUT; only an ended job is retried");
    assertThat(waiting.out())
        .contains("the agent asks: Which file name")
        .doesNotContain("failure:");

    Run answered = run("answer", jobId, "yearly", "--url", url);
    assertThat(answered.code()).as(answered.err()).isZero();
    assertThat(answered.out()).contains("answer sent to job " + jobId);
    await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> run("status", jobId, "--url", url).out().contains("SUCCEEDED"));
    assertThat(run("status", jobId, "--url", url).code()).isZero();
    Run again = run("answer", jobId, "too late", "--url", url);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).startsWith("delegate: ");
  }

  @Test
  void should_submit_criteria_with_check_commands_and_show_their_verdicts_in_status() {
    Run submit =
        run(
            "submit",
            "--title",
            "Checked criteria",
            "--objective",
            "scenario:note-checked-think-0",
            "--criterion",
            "Judged by the agent",
            "--checked-criterion",
            "The note exists::test -f notes/checked.md",
            "--checked-criterion",
            "Never true :: echo nope; exit 3",
            "--url",
            url);

    assertThat(submit.code()).as(submit.out() + submit.err()).isZero();
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");
    Run status = run("status", jobId, "--url", url);
    assertThat(status.code()).isZero();
    assertThat(status.out())
        .contains("SUCCEEDED")
        .contains("  criteria: 2 of 3 acceptance criteria met\n")
        .contains("    [x] met      Judged by the agent — TASK.md:1")
        .contains("    [x] met      The note exists (exit 0)\n")
        .contains("    [ ] not met  Never true (exit 3) — nope\n");

    Run bad =
        run("submit", "--title", "t", "--objective", "o", "--checked-criterion", "x", "--url", url);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--checked-criterion takes TEXT::COMMAND");
  }

  @Test
  void should_exit_1_from_status_for_a_job_that_failed() {
    Run submit = run("submit", "--title", "Nothing", "--objective", "zero-think", "--url", url);
    assertThat(submit.code()).isEqualTo(1);
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");

    Run status = run("status", jobId, "--url", url);
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.out()).contains("FAILED").contains("failure: the agent made no changes");
  }

  @Test
  void should_retry_an_ended_job_with_instructions_on_the_same_branch() throws Exception {
    Run submit = run("submit", "--title", "Retry me", "--objective", "zero-think", "--url", url);
    assertThat(submit.code()).isEqualTo(1); // the agent changed nothing
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");
    String branch = submit.out().replaceAll("(?s).* on (feature/[a-z0-9-]+).*", "$1");

    Run retry =
        run("retry", jobId, "--instructions", "scenario:note-retried-think-0", "--url", url);

    assertThat(retry.code()).as(retry.out() + retry.err()).isZero();
    assertThat(retry.out()).contains("Retrying job " + jobId + " as job ").contains(branch);
    String next = retry.out().replaceAll("(?s).* as job ([0-9a-f-]{36}).*", "$1");
    assertThat(run("status", jobId, "--url", url).out()).contains("FAILED");
    Run nextStatus = run("status", next, "--url", url);
    assertThat(nextStatus.out()).contains("SUCCEEDED").contains("on " + branch);
    ApiClient api = new ApiClient(java.net.URI.create(url));
    var tasks = api.get("/api/tasks").json().path("tasks");
    assertThat(tasks.findValuesAsText("jobId")).contains(next).doesNotContain(jobId);

    Run unknown = run("retry", "no-such-job", "--url", url);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no job no-such-job");
  }

  @Test
  void should_cancel_a_running_job_wait_for_it_and_exit_1_for_an_ended_one() throws Exception {
    ApiClient api = new ApiClient(java.net.URI.create(url));
    String jobId =
        api.post(
                "/api/delegate/personal",
                java.util.Map.of("title", "Cancel me", "objective", "scenario:think-60"))
            .json()
            .path("jobId")
            .asText();
    await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> run("status", jobId, "--url", url).out().contains("RUNNING"));

    Run cancel = run("cancel", jobId, "--reason", "not needed", "--url", url);

    assertThat(cancel.code()).as(cancel.out() + cancel.err()).isZero();
    assertThat(cancel.out())
        .contains("Cancelling job " + jobId)
        .contains("Job " + jobId + " cancelled; nothing was committed for it.");
    Run status = run("status", jobId, "--url", url);
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.out()).contains("CANCELLED").contains("cancelled by a person: not needed");
    Run again = run("cancel", jobId, "--url", url);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already ended CANCELLED");
    assertThat(run("cancel", "no-such-job", "--url", url).err()).contains("no job no-such-job");
  }

  @Test
  void should_follow_a_job_over_its_stream_printing_each_state_once() throws Exception {
    ApiClient api = new ApiClient(URI.create(url));
    String jobId =
        api.post(
                "/api/delegate/personal",
                Map.of("title", "Follow me", "objective", "scenario:note-follow-think-1"))
            .json()
            .path("jobId")
            .asText();
    StringWriter out = new StringWriter();
    JobFollower follower = new JobFollower(api, new StateLines(new PrintWriter(out, true)));

    JobFollower.Outcome outcome =
        follower.follow(jobId, JobFollower.Until.SETTLED, JobFollower.NO_LIMIT);

    assertThat(outcome).isInstanceOf(JobFollower.Outcome.Settled.class);
    assertThat(follower.reads()).as("everything came over the stream").isZero();
    assertThat(out.toString().lines().map(l -> l.replaceAll("^\\[ +\\d+\\.\\d\\d s\\] ", "")))
        .containsExactly("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "SUCCEEDED");
    assertThat(follower.follow("no-such-job", JobFollower.Until.SETTLED, JobFollower.NO_LIMIT))
        .isInstanceOfSatisfying(
            JobFollower.Outcome.Unreadable.class,
            u -> assertThat(u.answer().errorMessage()).isEqualTo("no job no-such-job"));
  }

  @Test
  void should_add_plain_progress_lines_with_the_agents_latest_output_while_it_works()
      throws Exception {
    ApiClient api = new ApiClient(URI.create(url));
    String jobId =
        api.post(
                "/api/delegate/personal",
                Map.of("title", "Show progress", "objective", "scenario:note-progress-think-4"))
            .json()
            .path("jobId")
            .asText();
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    JobProgress plain =
        new JobProgress(out, false, 80, Duration.ofMillis(500), java.time.Clock.systemUTC());

    int code = SubmitCommand.follow(api, jobId, out, plain);

    assertThat(code).as(text.toString()).isZero();
    List<String> lines = text.toString().lines().toList();
    assertThat(lines).as(text.toString()).noneMatch(l -> l.contains("\r") || l.contains("\u001B"));
    List<String> progress = lines.stream().filter(l -> l.contains("   still ")).toList();
    assertThat(progress)
        .as(text.toString())
        .isNotEmpty()
        .allMatch(l -> l.matches("\\[ +\\d+\\.\\d\\d s\\]   still RUNNING: \\S.*"));
    assertThat(lines.indexOf(progress.get(0)))
        .isGreaterThan(
            lines.indexOf(
                lines.stream().filter(l -> l.endsWith("] RUNNING")).findFirst().orElseThrow()));
    assertThat(progress.size()).as("at most one per 500 ms of 4 s of work").isLessThanOrEqualTo(12);
    assertThat(lines.stream().filter(l -> l.endsWith("] SUCCEEDED")).count()).isEqualTo(1);
  }

  @Test
  void should_follow_a_job_at_work_from_status_until_it_ends() throws Exception {
    ApiClient api = new ApiClient(URI.create(url));
    String jobId =
        api.post(
                "/api/delegate/personal",
                Map.of("title", "Status follows", "objective", "scenario:note-statusf-think-2"))
            .json()
            .path("jobId")
            .asText();

    Run status = run("status", jobId, "--follow", "--url", url);

    assertThat(status.code()).as(status.out() + status.err()).isZero();
    assertThat(status.out())
        .startsWith("job " + jobId + "  ")
        .containsPattern("\\[ +\\d+\\.\\d\\d s\\] SUCCEEDED");
    Run ended = run("status", jobId, "-f", "--url", url);
    assertThat(ended.out()).as("an ended job is only shown").doesNotContain("] SUCCEEDED");
  }

  @Test
  void should_follow_ten_jobs_at_once_each_to_its_own_end() throws Exception {
    int jobs = 10;
    List<Future<Run>> runs = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < jobs; i++) {
        // even ones write a file and succeed, odd ones change nothing and fail
        String objective = i % 2 == 0 ? "scenario:note-ten" + i + "-think-0" : "zero-think";
        String title = "Ten at once " + i;
        runs.add(
            threads.submit(
                () -> run("submit", "--title", title, "--objective", objective, "--url", url)));
      }
    }

    for (int i = 0; i < jobs; i++) {
      Run submit = runs.get(i).get();
      String ended = i % 2 == 0 ? "SUCCEEDED" : "FAILED";
      assertThat(submit.code()).as(submit.out() + submit.err()).isEqualTo(i % 2 == 0 ? 0 : 1);
      assertThat(submit.out()).containsPattern("\\[ +\\d+\\.\\d\\d s\\] " + ended);
      assertThat(submit.out().lines().filter(l -> l.endsWith("] " + ended)).count()).isEqualTo(1);
      assertThat(submit.out()).contains("feature/ten-at-once-" + i + "-");
    }
  }

  @Test
  void should_send_the_budget_given_and_show_it_in_the_status() {
    Run submit =
        run(
            "submit",
            "--title",
            "Budgeted",
            "--objective",
            "Add a budget note",
            "--max-cost-usd",
            "0.5",
            "--max-credits",
            "2",
            "--url",
            url);
    assertThat(submit.code()).as(submit.out() + submit.err()).isZero();
    String jobId = submit.out().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");

    assertThat(run("status", jobId, "--url", url).out())
        .contains("  budget: $0.50 · 2 credits\n")
        .as("the scripted terminal agent reports no usage")
        .doesNotContain("usage:");
  }

  @Test
  void should_refuse_a_bad_budget_before_sending_anything_and_exit_2() {
    Run zero =
        run("submit", "--title", "t", "--objective", "o", "--max-cost-usd", "0", "--url", url);
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-cost-usd must be more than 0, was 0");
    Run notANumber =
        run("submit", "--title", "t", "--objective", "o", "--max-credits", "lots", "--url", url);
    assertThat(notANumber.code()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--max-credits");
  }

  @Test
  void should_print_the_servers_field_messages_and_exit_2() {
    Run refused = run("submit", "--title", " ", "--objective", "o", "--url", url);

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("title: 'title' must not be blank");
  }

  @Test
  void should_exit_4_naming_the_url_when_nothing_listens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + port;

    Run submit = run("submit", "--title", "t", "--objective", "o", "--url", nowhere);
    Run workers = run("workers", "--pool-url", nowhere);

    assertThat(submit.code()).isEqualTo(4);
    assertThat(submit.err()).contains(nowhere, "bin/delegate serve");
    assertThat(workers.code()).isEqualTo(4);
  }

  @Test
  void should_list_the_workers_and_the_queue() {
    String pool = "http://127.0.0.1:" + roles.pool().orElseThrow().port();

    Run workers = run("workers", "--pool-url", pool);

    assertThat(workers.code()).isZero();
    assertThat(workers.out())
        .containsPattern("worker 1 +(READY|BUSY|STARTING)")
        .contains("queued: 0");
  }
}
