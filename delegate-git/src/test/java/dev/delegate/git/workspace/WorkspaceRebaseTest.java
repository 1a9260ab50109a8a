package dev.delegate.git.workspace;

import static dev.delegate.git.workspace.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.workspace.Committer;
import dev.delegate.core.workspace.RebaseStep;
import dev.delegate.core.workspace.RebaseStop;
import dev.delegate.core.workspace.RebaseTrial;
import dev.delegate.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebasing a branch whose base moved, with real git on a local-forge repository. */
class WorkspaceRebaseTest {
  private static final Committer BOT = new Committer("Delegate Bot", "bot@delegate.dev");
  @TempDir Path data;
  Fixture f;
  String branch;

  @BeforeEach
  void setUp() {
    f = new Fixture(data);
    f.forge.putFile(f.repo, "main", "app.txt", "one\ntwo\nthree\n", "app");
    branch = f.branch("feature/rebase-1");
  }

  private RebaseTrial trial() {
    return f.workspaces.tryRebase(f.repo, f.forge.remote(f.repo), branch, "main", BOT);
  }

  @Test
  void should_rebase_cleanly_without_a_worker_and_push_with_the_lease() {
    f.forge.putFile(f.repo, branch, "feature.txt", "feature\n", "feat: feature");
    String before = f.remoteHead(branch);
    f.forge.putFile(f.repo, "main", "other.txt", "other\n", "main: other");

    RebaseTrial trial = trial();

    assertThat(trial.step().isFinished()).isTrue();
    assertThat(trial.upToDate()).isFalse();
    assertThat(trial.branchHead()).isEqualTo(before);
    assertThat(trial.ontoHead()).isEqualTo(f.remoteHead("main"));
    assertThat(f.remoteHead(branch)).as("nothing pushed by the trial").isEqualTo(before);
    assertThat(data.resolve("rebase").toFile().list()).as("scratch worktree removed").isEmpty();

    String rebased = trial.step().head();
    assertThat(
            f.workspaces.pushRebased(
                f.repo, f.forge.remote(f.repo), branch, rebased, trial.branchHead()))
        .isTrue();
    assertThat(f.remoteHead(branch)).isEqualTo(rebased);
    assertThat(f.remoteFile(branch, "other.txt")).contains("other\n");
    assertThat(f.remoteFile(branch, "feature.txt")).contains("feature\n");
    String parent = f.git.run(f.forge.repositoryPath(f.repo), "rev-parse", branch + "^").strip();
    assertThat(parent).isEqualTo(f.remoteHead("main"));
  }

  @Test
  void should_remove_scratch_worktrees_a_dead_process_left() throws Exception {
    Path left = Files.createDirectories(data.resolve("rebase").resolve("left-by-a-crash"));
    Files.writeString(left.resolve("file.txt"), "x");
    Files.setLastModifiedTime(
        left, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    Path recent = Files.createDirectories(data.resolve("rebase").resolve("another-rebase"));

    trial();

    assertThat(left).doesNotExist();
    assertThat(recent).as("may be another rebase's, running").exists();
  }

  @Test
  void should_report_an_up_to_date_branch() {
    f.forge.putFile(f.repo, branch, "feature.txt", "feature\n", "feat: feature");
    assertThat(trial().upToDate()).isTrue();
  }

  @Test
  void should_stop_at_a_conflict_name_both_sides_and_abort_the_trial() {
    f.forge.putFile(f.repo, branch, "app.txt", "one\ntwo PR\nthree\n", "feat: two from the PR");
    f.forge.putFile(f.repo, "main", "app.txt", "one\ntwo MAIN\nthree\n", "fix: two on main");

    RebaseTrial trial = trial();

    RebaseStop stop = trial.step().stop().orElseThrow();
    assertThat(stop.conflicts()).containsExactly("app.txt");
    assertThat(stop.subject()).isEqualTo("feat: two from the PR");
    assertThat(stop.baseCommits()).singleElement().asString().endsWith(" fix: two on main");
    assertThat(data.resolve("rebase").toFile().list()).isEmpty();
  }

  @Test
  void should_continue_once_the_markers_are_gone_and_refuse_while_they_remain() {
    f.forge.putFile(f.repo, branch, "app.txt", "one\ntwo PR\nthree\n", "feat: two from the PR");
    f.forge.putFile(f.repo, branch, "more.txt", "more\n", "feat: more");
    f.forge.putFile(f.repo, "main", "app.txt", "one\ntwo MAIN\nthree\n", "fix: two on main");
    RebaseTrial trial = trial();
    Workspace ws = f.prepare(branch, 1);

    RebaseStep step = f.workspaces.startRebase(ws, trial.ontoHead(), BOT);
    RebaseStop stop = step.stop().orElseThrow();
    assertThat(read(ws, "app.txt")).contains("<<<<<<< ", "two MAIN", "two PR", ">>>>>>> ");

    assertThatThrownBy(() -> f.workspaces.continueRebase(ws, stop, BOT))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("conflict markers remain in app.txt");

    write(ws.directory(), "app.txt", "one\ntwo MAIN\ntwo PR\nthree\n");
    RebaseStep done = f.workspaces.continueRebase(ws, stop, BOT);

    assertThat(done.isFinished()).isTrue();
    String log = f.git.run(ws.directory(), "log", "--format=%s|%an|%cn", trial.ontoHead() + "..");
    assertThat(log.lines())
        .containsExactly(
            "feat: more|Delegate|Delegate Bot", "feat: two from the PR|Delegate|Delegate Bot");
    assertThat(
            f.workspaces.pushRebased(
                f.repo, f.forge.remote(f.repo), branch, done.head(), ws.baseSha()))
        .isTrue();
    assertThat(f.remoteFile(branch, "app.txt")).contains("one\ntwo MAIN\ntwo PR\nthree\n");
  }

  @Test
  void should_not_push_when_the_branch_moved_away_from_the_lease() {
    f.forge.putFile(f.repo, branch, "feature.txt", "feature\n", "feat: feature");
    f.forge.putFile(f.repo, "main", "other.txt", "other\n", "main: other");
    RebaseTrial trial = trial();
    String moved = f.forge.putFile(f.repo, branch, "late.txt", "late\n", "feat: late");

    boolean pushed =
        f.workspaces.pushRebased(
            f.repo, f.forge.remote(f.repo), branch, trial.step().head(), trial.branchHead());

    assertThat(pushed).isFalse();
    assertThat(f.remoteHead(branch)).isEqualTo(moved);
  }

  @Test
  void should_abort_and_leave_the_worktree_as_prepared() {
    f.forge.putFile(f.repo, branch, "app.txt", "one\ntwo PR\nthree\n", "feat: two from the PR");
    f.forge.putFile(f.repo, "main", "app.txt", "one\ntwo MAIN\nthree\n", "fix: two on main");
    RebaseTrial trial = trial();
    Workspace ws = f.prepare(branch, 1);
    f.workspaces.startRebase(ws, trial.ontoHead(), BOT);

    f.workspaces.abortRebase(ws);

    assertThat(f.git.run(ws.directory(), "rev-parse", "HEAD").strip()).isEqualTo(ws.baseSha());
    assertThat(f.status(ws)).isEmpty();
  }

  private static String read(Workspace ws, String path) {
    try {
      return Files.readString(ws.directory().resolve(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
