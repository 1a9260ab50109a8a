package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.local.HttpLocalForge;
import dev.delegate.git.workspace.GitWorkspaces;
import dev.delegate.git.workspace.WorkspacesConfig;
import dev.delegate.testkit.contract.Race;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker node's workspaces on a forge served over HTTP: they fetch and push through the forge's
 * remote (its token in git's environment), and jobs pushing to one branch at once are each replayed
 * onto the others' commits, none lost.
 */
class HttpWorkspacesTest {
  @TempDir static Path serving;
  static ForgeNode node;

  @TempDir Path worker;

  @BeforeAll
  static void startNode() {
    node = ForgeNode.start(serving);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void should_land_every_job_pushing_to_one_branch_at_once() throws Exception {
    RepoRef repo = node.newRepository();
    HttpLocalForge forge = node.remoteForge(worker, Optional.of(ForgeNode.TOKEN));
    forge.createBranch(repo, "feature/together", "main");
    GitWorkspaces workspaces =
        new GitWorkspaces(
            worker,
            node.git(),
            new WorkspacesConfig(
                WorkspacesConfig.DEFAULT_STALE_LOCK_AGE,
                20,
                WorkspacesConfig.DEFAULT_TRAILER_SCAN_DEPTH));
    int jobs = 6;
    List<Workspace> prepared = new ArrayList<>();
    List<String> commits = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Workspace ws =
          workspaces.prepare(
              repo, forge.remote(repo), "feature/together", worker.resolve("workers/" + i));
      write(ws.directory().resolve("job-" + i + ".txt"), "job " + i + "\n");
      commits.add(
          workspaces
              .commitAll(
                  ws,
                  new CommitRequest(
                      "job " + i, "Agent", "agent@example.com", Map.of("Delegate-Job", "job-" + i)))
              .orElseThrow());
      prepared.add(ws);
    }

    List<String> pushed =
        Race.run(jobs, i -> workspaces.push(prepared.get(i), commits.get(i), "job-" + i));

    assertThat(pushed).doesNotHaveDuplicates();
    for (int i = 0; i < jobs; i++) {
      assertThat(node.local().readFile(repo, "feature/together", "job-" + i + ".txt"))
          .as("job " + i)
          .contains("job " + i + "\n");
    }
    assertThat(node.local().branchHead(repo, "feature/together")).isPresent().get().isIn(pushed);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
