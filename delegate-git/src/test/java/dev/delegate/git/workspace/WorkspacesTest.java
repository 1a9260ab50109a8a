package dev.delegate.git.workspace;

import static dev.delegate.git.workspace.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {
  @TempDir Path data;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(data);
  }

  @Test
  void should_give_two_workers_on_one_repository_their_own_worktrees_at_the_same_time()
      throws Exception {
    f.branch("feature/a");
    f.branch("feature/b");
    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<Workspace> a =
        CompletableFuture.supplyAsync(() -> job(together, "feature/a", 1));
    CompletableFuture<Workspace> b =
        CompletableFuture.supplyAsync(() -> job(together, "feature/b", 2));
    Workspace wa = a.get();
    Workspace wb = b.get();

    assertThat(commonDir(wa)).isEqualTo(commonDir(wb)).isEqualTo(f.cache());
    assertThat(wa.directory()).isEqualTo(f.worker(1));
    assertThat(wa.directory().resolve("from-feature/a.txt")).exists();
    assertThat(wa.directory().resolve("from-feature/b.txt")).doesNotExist();
    assertThat(wb.directory().resolve("from-feature/b.txt")).exists();
    assertThat(wb.directory().resolve("from-feature/a.txt")).doesNotExist();
    assertThat(f.remoteFile("feature/a", "from-feature/a.txt")).contains("feature/a\n");
    assertThat(f.remoteFile("feature/a", "from-feature/b.txt")).isEmpty();
    assertThat(f.remoteFile("feature/b", "from-feature/b.txt")).contains("feature/b\n");
  }

  private Path commonDir(Workspace ws) {
    String dir =
        f.git.run(ws.directory(), "rev-parse", "--path-format=absolute", "--git-common-dir");
    return Path.of(dir.strip());
  }

  private Workspace job(CyclicBarrier together, String branch, int worker) {
    try {
      together.await();
      Workspace ws = f.prepare(branch, worker);
      together.await();
      write(ws.directory(), "from-" + branch + ".txt", branch + "\n");
      String commit = f.commit(ws, "work on " + branch, Fixture.NO_TRAILERS).orElseThrow();
      f.workspaces.push(ws, commit, "job-" + worker);
      return ws;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void should_start_each_job_from_a_clean_branch_head_when_a_worker_is_reused() {
    f.branch("feature/a");
    f.forge.putFile(f.repo, f.branch("feature/b"), "b.txt", "b\n", "add b");
    Workspace first = f.prepare("feature/a", 1);
    write(first.directory(), "README.md", "changed by the agent\n");
    write(first.directory(), "untracked/notes.txt", "scratch\n");
    write(first.directory(), "build/output.bin", "ignored build output\n");

    Workspace second = f.prepare("feature/b", 1);

    assertThat(second.directory()).isEqualTo(first.directory());
    assertThat(second.baseSha()).isEqualTo(f.remoteHead("feature/b"));
    assertThat(f.status(second)).isEmpty();
    assertThat(second.directory().resolve("untracked")).doesNotExist();
    assertThat(second.directory().resolve("build")).doesNotExist();
    assertThat(second.directory().resolve("README.md")).hasContent("hello");
    assertThat(second.directory().resolve("b.txt")).exists();
    assertThat(f.git.run(second.directory(), "symbolic-ref", "--short", "HEAD").strip())
        .isEqualTo("feature/b");
  }

  @Test
  void should_let_a_second_worker_take_a_branch_an_idle_worker_still_has_checked_out() {
    f.branch("feature/a");
    f.prepare("feature/a", 1);
    Workspace other = f.prepare("feature/a", 2);
    assertThat(other.directory().resolve("README.md")).exists();
    assertThat(f.git.run(other.directory(), "symbolic-ref", "--short", "HEAD").strip())
        .isEqualTo("feature/a");
  }

  @Test
  void should_replace_a_worktree_of_another_repository_but_keep_the_directory() throws Exception {
    RepoRef other = new RepoRef("acme", "other");
    f.forge.createRepository(other, Map.of("OTHER.md", "other\n"));
    Workspace first = f.prepare("main", 1);
    Object inode = Files.readAttributes(first.directory(), BasicFileAttributes.class).fileKey();

    Workspace second = f.workspaces.prepare(other, f.forge.remote(other), "main", f.worker(1));

    assertThat(second.directory().resolve("OTHER.md")).exists();
    assertThat(second.directory().resolve("README.md")).doesNotExist();
    assertThat(Files.readAttributes(second.directory(), BasicFileAttributes.class).fileKey())
        .isEqualTo(inode);
    Path otherCache = f.workspaces.cachePath(other);
    assertThat(f.git.run(f.cache(), "worktree", "list")).doesNotContain(f.worker(1).toString());
    assertThat(f.git.run(otherCache, "worktree", "list")).contains(f.worker(1).toString());
  }

  @Test
  void should_refuse_to_empty_a_foreign_directory_outside_the_data_directory(
      @TempDir Path elsewhere) throws Exception {
    Files.writeString(elsewhere.resolve("precious.txt"), "keep me\n");
    assertThatThrownBy(
            () -> f.workspaces.prepare(f.repo, f.forge.remote(f.repo), "main", elsewhere))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refusing to empty " + elsewhere);
    assertThat(elsewhere.resolve("precious.txt")).hasContent("keep me");
    assertThatThrownBy(() -> f.workspaces.prepare(f.repo, f.forge.remote(f.repo), "main", data))
        .as("the data directory itself")
        .isInstanceOf(PermanentException.class);
    assertThat(f.forge.branchHead(f.repo, "main")).isPresent();
  }

  @Test
  void should_clear_stray_files_from_a_fresh_worker_directory_under_the_data_directory()
      throws Exception {
    write(f.worker(3), "stray.txt", "left by an old version\n");
    Workspace ws = f.prepare("main", 3);
    assertThat(ws.directory().resolve("stray.txt")).doesNotExist();
    assertThat(ws.directory().resolve("README.md")).exists();
  }

  @Test
  void should_fail_clearly_for_a_branch_the_remote_does_not_have() {
    assertThatThrownBy(() -> f.prepare("feature/missing", 1))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("branch 'feature/missing' does not exist in file://");
  }

  @Test
  void should_reject_an_invalid_branch_before_touching_the_disk() {
    assertThatThrownBy(() -> f.prepare("--upload-pack=evil", 1))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("starts with '-'");
    assertThat(f.worker(1)).doesNotExist();
  }
}
