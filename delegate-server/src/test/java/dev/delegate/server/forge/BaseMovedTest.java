package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobKind;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push to a base branch over the local forge's smart HTTP queues a rebase job for each of
 * Delegate's pull requests on it that no longer merges, and for no other.
 */
class BaseMovedTest {
  private static final Map<String, String> AUTHOR =
      Map.of(
          "GIT_AUTHOR_NAME", "A Person",
          "GIT_AUTHOR_EMAIL", "person@example.com",
          "GIT_COMMITTER_NAME", "A Person",
          "GIT_COMMITTER_EMAIL", "person@example.com");
  @TempDir Path data;
  @TempDir Path clone;
  private ForgeNode node;
  private RepoRef repo;

  @BeforeEach
  void start() {
    node = ForgeNode.start(data);
    repo = node.newRepository();
    node.local().putFile(repo, "main", "app.txt", "one\ntwo\nthree\n", "app");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private JobStore jobs() {
    return node.jobs();
  }

  /** A pull request Delegate worked on (its job ended), changing line two of app.txt or not. */
  private PullRequest delegated(String branch, boolean conflicting) {
    return delegated(branch, conflicting, JobKind.TASK, true);
  }

  private PullRequest delegated(String branch, boolean conflicting, JobKind kind, boolean ended) {
    node.local().createBranch(repo, branch, "main");
    node.local()
        .putFile(
            repo,
            branch,
            conflicting ? "app.txt" : "other.txt",
            conflicting ? "one\ntwo from the PR\nthree\n" : "other\n",
            "feat: " + branch);
    PullRequest pr = node.local().createPullRequest(repo, branch, "", branch, "main");
    String id = "job-" + branch.replace('/', '-');
    jobs().enqueue(new NewJob(id, repo, pr.number(), branch, "work", null, kind), Instant.now());
    if (ended) {
      jobs().cancel(id, "ended for this test", Instant.now());
    }
    return pr;
  }

  private Optional<Job> last(PullRequest pr) {
    return jobs().findByPullRequest(repo, pr.number());
  }

  @Test
  void should_queue_a_rebase_for_a_pull_request_that_conflicts_after_a_push_to_its_base()
      throws Exception {
    PullRequest conflicting = delegated("feature/conflicting", true);
    PullRequest merging = delegated("feature/merging", false);
    assertThat(node.local().merges(repo, conflicting.number())).contains(true);

    String url = "http://x:" + ForgeNode.TOKEN + "@127.0.0.1:" + node.port() + "/git/" + repo;
    run(clone, "clone", "--quiet", url + ".git", "app");
    Path app = clone.resolve("app");
    Files.writeString(app.resolve("app.txt"), "one\ntwo from main\nthree\n");
    run(app, "commit", "--quiet", "-am", "fix: two on main");
    run(app, "push", "--quiet", "origin", "HEAD:main");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> last(conflicting).map(j -> j.kind() == JobKind.REBASE).orElse(false));
    Job rebase = last(conflicting).orElseThrow();
    assertThat(rebase.state()).isEqualTo(JobState.QUEUED);
    assertThat(rebase.branch()).isEqualTo("feature/conflicting");
    assertThat(last(merging).orElseThrow().kind()).isEqualTo(JobKind.TASK);
  }

  @Test
  void should_leave_alone_pull_requests_with_an_active_job_or_a_rebase_that_did_not_succeed() {
    PullRequest ended = delegated("feature/ended", true);
    PullRequest active = delegated("feature/active", true, JobKind.TASK, false);
    PullRequest failedRebase = delegated("feature/failed-rebase", true, JobKind.REBASE, true);
    node.local().putFile(repo, "main", "app.txt", "one\ntwo from main\nthree\n", "fix: two");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> last(ended).map(j -> j.kind() == JobKind.REBASE).orElse(false));
    assertThat(node.rebases().baseMoved(repo, Optional.of("main")))
        .as("the one queued already is active now; the others are left alone")
        .isEmpty();
    assertThat(last(active).orElseThrow().kind()).isEqualTo(JobKind.TASK);
    assertThat(last(failedRebase).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(node.rebases().baseMoved(repo, Optional.of("develop"))).isEmpty();
  }

  private void run(Path dir, String... args) {
    GitResult result = node.git().tryExec(GitCommand.in(dir, args).env(AUTHOR));
    assertThat(result.ok()).as(result.stderr()).isTrue();
  }
}
