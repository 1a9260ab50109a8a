package dev.delegate.git.workspace;

import static dev.delegate.git.workspace.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.DirectoryTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of crashed git processes, agents or deleted directories never block the next job. */
class WorkspaceRecoveryTest {
  @TempDir Path data;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(data);
  }

  @Test
  void should_recover_from_a_stale_index_lock_and_a_half_finished_rebase() throws Exception {
    Workspace ws = f.prepare("main", 1);
    Path admin = Path.of(f.git.run(ws.directory(), "rev-parse", "--absolute-git-dir").strip());
    Files.writeString(admin.resolve("index.lock"), "");
    Files.createDirectories(admin.resolve("rebase-merge"));
    write(ws.directory(), "left-behind.txt", "x\n");

    Workspace again = f.prepare("main", 1);

    assertThat(admin.resolve("index.lock")).doesNotExist();
    assertThat(admin.resolve("rebase-merge")).doesNotExist();
    assertThat(f.status(again)).isEmpty();
  }

  @Test
  void should_recover_when_the_worker_directory_was_deleted() throws Exception {
    Workspace ws = f.prepare("main", 1);
    DirectoryTrees.delete(ws.directory());

    Workspace again = f.prepare("main", 1);

    assertThat(again.directory().resolve("README.md")).exists();
    assertThat(f.git.run(f.cache(), "worktree", "list").lines().count()).isEqualTo(2);
  }

  @Test
  void should_remove_stale_ref_locks_a_crashed_fetch_left_in_the_cache() throws Exception {
    Fixture eager =
        new Fixture(
            data.resolve("eager"), WorkspacesConfig.DEFAULT.withStaleLockAge(Duration.ZERO));
    eager.prepare("main", 1);
    eager.forge.putFile(eager.repo, "main", "new.txt", "new\n", "moves main");
    Path cache = eager.workspaces.cachePath(eager.repo);
    Files.writeString(cache.resolve("refs/remotes/origin/main.lock"), "");

    Workspace again = eager.prepare("main", 1);

    assertThat(again.directory().resolve("new.txt")).exists();
    assertThat(cache.resolve("refs/remotes/origin/main.lock")).doesNotExist();
  }
}
