package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.local.HttpLocalForge;
import dev.delegate.git.local.LocalForge;
import dev.delegate.testkit.contract.Race;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers at once through the served forge, from two "worker nodes" (each its own data
 * directory and cache): every write lands on the serving node's repository, none is lost.
 */
class HttpLocalForgeConcurrencyTest {
  @TempDir static Path serving;
  @TempDir static Path workerA;
  @TempDir static Path workerB;
  static ForgeNode node;
  static HttpLocalForge[] workers;

  @BeforeAll
  static void startNode() {
    node = ForgeNode.start(serving);
    workers =
        new HttpLocalForge[] {
          node.remoteForge(workerA, Optional.of(ForgeNode.TOKEN)),
          node.remoteForge(workerB, Optional.of(ForgeNode.TOKEN))
        };
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void should_land_sixteen_branches_pushed_at_once() throws Exception {
    RepoRef repo = node.newRepository();

    List<String> commits =
        Race.run(
            16,
            i -> {
              HttpLocalForge forge = workers[i % 2];
              String branch = "feature/many-" + i;
              forge.createBranch(repo, branch, "main");
              return forge.putFile(repo, branch, "TASK.md", "# task " + i + "\n", "feat: " + i);
            });

    LocalForge local = node.local();
    for (int i = 0; i < 16; i++) {
      assertThat(local.branchHead(repo, "feature/many-" + i)).contains(commits.get(i));
      assertThat(local.readFile(repo, "feature/many-" + i, "TASK.md"))
          .contains("# task " + i + "\n");
    }
  }

  @Test
  void should_keep_every_one_of_eight_writes_racing_on_one_branch() throws Exception {
    RepoRef repo = node.newRepository();
    workers[0].createBranch(repo, "feature/busy", "main");
    String start = workers[0].branchHead(repo, "feature/busy").orElseThrow();

    List<String> commits =
        Race.run(
            8,
            i ->
                workers[i % 2].putFile(
                    repo, "feature/busy", "notes/" + i + ".md", "note " + i + "\n", "note " + i));

    LocalForge local = node.local();
    for (int i = 0; i < 8; i++) {
      assertThat(local.readFile(repo, "feature/busy", "notes/" + i + ".md"))
          .as("note " + i)
          .contains("note " + i + "\n");
    }
    String history =
        node.git()
            .exec(
                GitCommand.in(
                    local.repositoryPath(repo), "rev-list", start + "..refs/heads/feature/busy"))
            .stdout();
    assertThat(history.lines()).containsExactlyInAnyOrderElementsOf(commits);
  }
}
