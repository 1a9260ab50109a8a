package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request whose base moved is rebased by a rebase job: over HTTP, with real git on the local
 * forge and the scripted agent resolving conflicts in a real PTY. Each test works on files of its
 * own, so the base moving in one test leaves the others' pull requests merging.
 */
class RebaseEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicInteger BRANCHES = new AtomicInteger();
  @TempDir static Path data;
  @TempDir static Path extra;
  private static Fixtures.InProcessNode node;
  private static LocalForge forge;
  private static ProcessorClient client;

  @BeforeAll
  static void start() throws Exception {
    Path profiles = Fixtures.slowProfile(extra, 0.5);
    Path scenarios = extra.resolve("scenarios");
    Files.writeString(
        scenarios.resolve("keep-markers.scenario"),
        """
        match leave the markers
        say Leaving the files as they are.
        reply Nothing changed.
        """);
    Files.writeString(
        scenarios.resolve("slow-resolve.scenario"),
        """
        match resolve slowly
        think 4
        run for f in $(git diff --name-only --diff-filter=U); do grep -v -e '^<<<<<<< ' \
        -e '^=======$' -e '^>>>>>>> ' "$f" > "$f.resolved"; mv "$f.resolved" "$f"; done
        reply Resolved, slowly.
        """
            .replace("\\\n", ""));
    node =
        Fixtures.startInProcess(
            data,
            "--workers",
            "3",
            "--profiles-dir",
            profiles.toString(),
            "--agent",
            "slow-scripted",
            "--max-attempts",
            "1");
    forge = (LocalForge) node.processor().forge();
    client = new ProcessorClient(node.processor().port());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A pull request whose branch changes line two of {@code file}, which main also has. */
  private static PullRequest pullRequest(String file) {
    String branch = "feature/rebase-" + BRANCHES.incrementAndGet() + "-" + System.nanoTime();
    forge.putFile(REPO, "main", file, "one\ntwo\nthree\n", "chore: add " + file);
    PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("rebase " + file));
    forge.putFile(REPO, branch, file, "one\ntwo from the PR\nthree\n", "feat: " + file + " PR");
    return pr;
  }

  private static void conflictingChangeOnMain(String file) {
    forge.putFile(REPO, "main", file, "one\ntwo from main\nthree\n", "fix: " + file + " on main");
  }

  private static HttpResponse<String> rebase(int number, String instructions) throws Exception {
    return client.post(
        "/api/prs/local/sample-app/" + number + "/rebase",
        instructions.isEmpty() ? "" : "{\"instructions\":\"" + instructions + "\"}");
  }

  private static String rebaseJob(int number, String instructions) throws Exception {
    HttpResponse<String> answer = rebase(number, instructions);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode body = Http.JSON.readTree(answer.body());
    assertThat(body.get("kind").asText()).isEqualTo("rebase");
    return body.get("jobId").asText();
  }

  private static JsonNode awaitFinal(String jobId) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING")
                    .contains(client.state(jobId)));
    try {
      return client.job(jobId);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String head(String branch) {
    return forge.branchHead(REPO, branch).orElseThrow();
  }

  @Test
  void should_rebase_a_branch_without_the_agent_when_nothing_conflicts() throws Exception {
    PullRequest pr = pullRequest("clean.txt");
    forge.putFile(REPO, "main", "clean-other.txt", "other\n", "docs: another file on main");

    JsonNode job = awaitFinal(rebaseJob(pr.number(), ""));

    assertThat(job.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(job.get("kind").asText()).isEqualTo("rebase");
    assertThat(job.get("commit").asText()).isEqualTo(head(pr.head()));
    assertThat(Fixtures.show(forge, pr.head(), "clean-other.txt")).isEqualTo("other\n");
    assertThat(Fixtures.show(forge, pr.head(), "clean.txt"))
        .isEqualTo("one\ntwo from the PR\nthree\n");
    assertThat(forge.comments(REPO, pr.number()))
        .last()
        .asString()
        .contains("rebased this branch onto main", "no conflict needed the agent");
  }

  @Test
  void should_let_the_agent_resolve_a_conflict_and_push_with_a_lease() throws Exception {
    PullRequest pr = pullRequest("conflict.txt");
    conflictingChangeOnMain("conflict.txt");
    assertThat(forge.merges(REPO, pr.number())).contains(false);
    String before = head(pr.head());

    JsonNode job = awaitFinal(rebaseJob(pr.number(), ""));

    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(Fixtures.show(forge, pr.head(), "conflict.txt"))
        .isEqualTo("one\ntwo from main\ntwo from the PR\nthree\n");
    assertThat(forge.merges(REPO, pr.number())).contains(true);
    assertThat(Fixtures.commitsAfter(forge, "main", pr.head()))
        .as("the branch's commits replayed on main, TASK.md's among them")
        .hasSize(2)
        .first()
        .asString()
        .startsWith("feat: conflict.txt PR");
    assertThat(head(pr.head())).isNotEqualTo(before);
    assertThat(forge.comments(REPO, pr.number()))
        .last()
        .asString()
        .contains("rebased this branch onto main", "resolved the conflicts", "with a lease on");
  }

  @Test
  void should_fail_comment_and_push_nothing_when_the_agent_leaves_conflict_markers()
      throws Exception {
    PullRequest pr = pullRequest("markers.txt");
    conflictingChangeOnMain("markers.txt");
    String before = head(pr.head());

    JsonNode job = awaitFinal(rebaseJob(pr.number(), "leave the markers"));

    assertThat(job.get("state").asText()).isEqualTo("FAILED");
    assertThat(job.get("failure").asText())
        .contains("conflict markers remain in markers.txt", "nothing was force-pushed");
    assertThat(head(pr.head())).as("the branch is untouched").isEqualTo(before);
    assertThat(forge.comments(REPO, pr.number()))
        .last()
        .asString()
        .contains("conflict markers remain in markers.txt");
    HttpResponse<String> again = rebase(pr.number(), "");
    assertThat(again.statusCode()).as("a person may ask again once the job ended").isEqualTo(202);
    String next = Http.JSON.readTree(again.body()).get("jobId").asText();
    assertThat(awaitFinal(next).get("state").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void should_push_nothing_when_the_branch_moved_while_the_agent_resolved() throws Exception {
    PullRequest pr = pullRequest("lease.txt");
    conflictingChangeOnMain("lease.txt");
    String jobId = rebaseJob(pr.number(), "resolve slowly");
    await().atMost(WAIT).until(() -> client.state(jobId).equals("RUNNING"));
    assertThat(rebase(pr.number(), "").statusCode()).as("a job is active").isEqualTo(409);
    String moved = forge.putFile(REPO, pr.head(), "late.txt", "late\n", "feat: a late commit");

    JsonNode job = awaitFinal(jobId);

    assertThat(job.get("state").asText()).isEqualTo("FAILED");
    assertThat(job.get("failure").asText()).contains("the lease was lost");
    assertThat(head(pr.head())).isEqualTo(moved);
    assertThat(forge.comments(REPO, pr.number())).last().asString().contains("lease was lost");
  }

  @Test
  void should_push_and_rebase_again_when_the_base_moved_again_while_the_agent_resolved()
      throws Exception {
    PullRequest pr = pullRequest("again.txt");
    conflictingChangeOnMain("again.txt");
    String first = rebaseJob(pr.number(), "resolve slowly");
    await().atMost(WAIT).until(() -> client.state(first).equals("RUNNING"));
    String newerBase =
        forge.putFile(REPO, "main", "again.txt", "one\ntwo, once more\nthree\n", "fix: again");

    assertThat(awaitFinal(first).get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(forge.comments(REPO, pr.number()))
        .anySatisfy(c -> assertThat(c).contains(first, "main moved again meanwhile"));
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode last =
                  Http.JSON.readTree(
                      client.get("/api/jobs?owner=local&repo=sample-app&pr=" + pr.number()).body());
              return !last.get("id").asText().equals(first)
                  && last.get("kind").asText().equals("rebase")
                  && last.get("state").asText().equals("SUCCEEDED");
            });
    assertThat(forge.merges(REPO, pr.number())).contains(true);
    assertThat(Fixtures.commitsAfter(forge, newerBase, pr.head())).hasSize(2);
    assertThat(Fixtures.show(forge, pr.head(), "again.txt")).contains("two, once more", "the PR");
  }

  @Test
  void should_rebase_every_pull_request_that_conflicts_once_their_base_moved() throws Exception {
    List<PullRequest> prs = new ArrayList<>();
    List<String> firstJobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PullRequest pr = pullRequest("many.txt".replace("many", "many-" + i));
      prs.add(pr);
      firstJobs.add(
          client
              .processPr(pr.number(), pr.head(), "scenario:note-many" + i + "-think-0")
              .get("jobId")
              .asText());
    }
    for (String jobId : firstJobs) {
      assertThat(awaitFinal(jobId).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    for (int i = 0; i < 3; i++) {
      conflictingChangeOnMain("many-" + i + ".txt");
    }

    for (int i = 0; i < 3; i++) {
      PullRequest pr = prs.get(i);
      String file = "many-" + i + ".txt";
      await()
          .atMost(WAIT)
          .until(
              () -> {
                JsonNode last =
                    Http.JSON.readTree(
                        client
                            .get("/api/jobs?owner=local&repo=sample-app&pr=" + pr.number())
                            .body());
                return last.get("kind").asText().equals("rebase")
                    && last.get("state").asText().equals("SUCCEEDED");
              });
      assertThat(Fixtures.show(forge, pr.head(), file))
          .isEqualTo("one\ntwo from main\ntwo from the PR\nthree\n");
      assertThat(Fixtures.show(forge, pr.head(), "notes/many" + i + ".md"))
          .contains("written by the scripted agent");
      assertThat(forge.merges(REPO, pr.number())).contains(true);
    }
  }

  @Test
  void should_queue_one_rebase_when_many_ask_at_once() throws Exception {
    PullRequest pr = pullRequest("race.txt");
    forge.putFile(REPO, "main", "race-other.txt", "other\n", "docs: another file on main");
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return rebase(pr.number(), "");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                threads));
      }
    }
    List<Integer> statuses = answers.stream().map(a -> a.join().statusCode()).toList();

    assertThat(statuses).containsOnly(202, 409).filteredOn(s -> s == 202).hasSize(1);
    String jobId =
        answers.stream()
            .map(CompletableFuture::join)
            .filter(a -> a.statusCode() == 202)
            .map(a -> a.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1"))
            .findFirst()
            .orElseThrow();
    assertThat(awaitFinal(jobId).get("state").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void should_answer_404_for_an_unknown_pull_request() throws Exception {
    assertThat(rebase(99_999, "").statusCode()).isEqualTo(404);
  }
}
