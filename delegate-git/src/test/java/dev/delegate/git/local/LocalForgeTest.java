package dev.delegate.git.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.Git;
import dev.delegate.testkit.store.InMemoryPullRequestStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalForgeTest {
  @TempDir Path data;
  final Git git = new Git();
  final RepoRef repo = new RepoRef("demian7575", "aipm");
  LocalForge forge;

  @BeforeEach
  void setUp() {
    LocalForgeConfig config =
        new LocalForgeConfig("http://127.0.0.1:9999/prs", "Forge Bot", "forge@example.com", "main");
    forge = new LocalForge(data, git, new InMemoryPullRequestStore(), config);
    assertThat(
            forge.createRepository(repo, Map.of("README.md", "# aipm\n", "src/app.js", "app();\n")))
        .isTrue();
  }

  @Test
  void should_seed_a_bare_repository_with_one_commit_on_main() {
    Path bare = forge.repositoryPath(repo);
    assertThat(bare).isEqualTo(data.resolve("forge/demian7575/aipm.git"));
    assertThat(git.run(bare, "rev-parse", "--is-bare-repository").strip()).isEqualTo("true");
    assertThat(git.run(bare, "log", "--format=%an <%ae> %s", "main").strip())
        .isEqualTo("Forge Bot <forge@example.com> Initial commit");
    assertThat(git.run(bare, "show", "main:src/app.js")).isEqualTo("app();\n");
    assertThat(forge.createRepository(repo, Map.of("other.txt", "x"))).isFalse();
    assertThat(git.run(bare, "ls-tree", "--name-only", "main")).doesNotContain("other.txt");
  }

  @Test
  void should_write_a_file_as_a_new_commit_on_the_branch_keeping_the_others() {
    String before = forge.branchHead(repo, "main").orElseThrow();
    String commit = forge.putFile(repo, "main", "docs/TASK.md", "# Task\n", "feat: Add TASK.md");
    Path bare = forge.repositoryPath(repo);
    assertThat(git.run(bare, "rev-parse", commit + "^").strip()).isEqualTo(before);
    assertThat(git.run(bare, "show", "main:docs/TASK.md")).isEqualTo("# Task\n");
    assertThat(git.run(bare, "show", "main:README.md")).isEqualTo("# aipm\n");
    assertThat(git.run(bare, "log", "-1", "--format=%s", "main").strip())
        .isEqualTo("feat: Add TASK.md");

    forge.putFile(repo, "main", "docs/TASK.md", "# Task\n\nDone\n", "update");
    assertThat(git.run(bare, "show", "main:docs/TASK.md")).isEqualTo("# Task\n\nDone\n");
  }

  @Test
  void should_keep_every_write_when_writers_race_on_one_branch() throws Exception {
    List<Future<String>> writes = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 16; i++) {
        int n = i;
        writes.add(
            threads.submit(
                () -> forge.putFile(repo, "main", "race/" + n + ".txt", n + "\n", "write " + n)));
      }
      for (Future<String> write : writes) {
        write.get();
      }
    }
    String files = git.run(forge.repositoryPath(repo), "ls-tree", "-r", "--name-only", "main");
    for (int i = 0; i < 16; i++) {
      assertThat(files).contains("race/" + i + ".txt");
    }
    assertThat(git.run(forge.repositoryPath(repo), "rev-list", "--count", "main").strip())
        .isEqualTo("17");
  }

  @Test
  void should_create_many_branches_files_and_pull_requests_at_once() throws Exception {
    int count = 48;
    List<Future<PullRequest>> made = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < count; i++) {
        String branch = "feature/many-" + i;
        made.add(
            threads.submit(
                () -> {
                  forge.createBranch(repo, branch, "main");
                  forge.putFile(repo, branch, "TASK.md", branch + "\n", "feat: " + branch);
                  return forge.createPullRequest(repo, branch, "body", branch, "main");
                }));
      }
      Set<Integer> numbers = new HashSet<>();
      for (Future<PullRequest> pr : made) {
        numbers.add(pr.get().number());
      }
      assertThat(numbers).hasSize(count);
    }
    Path bare = forge.repositoryPath(repo);
    for (int i = 0; i < count; i++) {
      String branch = "feature/many-" + i;
      assertThat(git.run(bare, "show", branch + ":TASK.md")).isEqualTo(branch + "\n");
      assertThat(git.run(bare, "rev-list", "--count", "main.." + branch).strip()).isEqualTo("1");
    }
    assertThat(git.run(bare, "fsck", "--no-dangling")).isEmpty();
  }

  @Test
  void should_clear_a_branch_lock_a_killed_process_left_and_wait_out_a_fresh_one()
      throws Exception {
    Path lock = forge.repositoryPath(repo).resolve("refs/heads/feature/locked.lock");
    java.nio.file.Files.createDirectories(lock.getParent());
    java.nio.file.Files.writeString(lock, "0000000000000000000000000000000000000000\n");

    assertThatThrownBy(() -> forge.createBranch(repo, "feature/locked", "main"))
        .as("a fresh lock may belong to a live writer")
        .isInstanceOf(dev.delegate.core.TransientException.class)
        .hasMessageContaining("locked");
    java.nio.file.Files.setLastModifiedTime(
        lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
    forge.createBranch(repo, "feature/locked", "main");

    assertThat(forge.branchHead(repo, "feature/locked")).isEqualTo(forge.branchHead(repo, "main"));
    assertThat(lock).doesNotExist();
    assertThatThrownBy(() -> forge.createBranch(repo, "feature/locked", "main"))
        .isInstanceOf(dev.delegate.core.PermanentException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void should_show_the_diff_of_a_pull_request_against_its_base() {
    forge.createBranch(repo, "feature/x", "main");
    forge.putFile(repo, "feature/x", "TASK.md", "# Add Export Button\n", "feat: Add Export Button");
    forge.putFile(repo, "main", "unrelated.txt", "later on main\n", "main moves on");
    PullRequest pr =
        forge.createPullRequest(repo, "Add Export Button", "body", "feature/x", "main");

    String diff = forge.diff(repo, pr.number());

    assertThat(diff).contains("+++ b/TASK.md").contains("+# Add Export Button");
    assertThat(diff).doesNotContain("unrelated.txt");
    assertThat(pr.url()).isEqualTo("http://127.0.0.1:9999/prs/demian7575/aipm/1");
  }

  @Test
  void should_give_a_file_url_git_can_clone_without_credentials(@TempDir Path clone) {
    var remote = forge.remote(repo);
    assertThat(remote.url()).isEqualTo("file://" + forge.repositoryPath(repo));
    assertThat(remote.environment()).isEmpty();
    git.run(clone, "clone", "--quiet", remote.url(), "copy");
    assertThat(clone.resolve("copy/README.md")).hasContent("# aipm");
  }

  @Test
  void should_reject_paths_outside_the_repository_and_unknown_repositories() {
    for (String path : List.of("../x", "/etc/passwd", ".git/config", "a//b", "a/./b", "dir/")) {
      assertThatThrownBy(() -> forge.putFile(repo, "main", path, "x", "m"))
          .as(path)
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("invalid file path");
    }
    RepoRef missing = new RepoRef("nobody", "nothing");
    assertThatThrownBy(() -> forge.branchHead(missing, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessage("repository nobody/nothing does not exist in the local forge");
  }
}
