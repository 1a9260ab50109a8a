package dev.delegate.git.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.testkit.contract.ForgeContract;
import dev.delegate.testkit.store.InMemoryPullRequestStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forge contract on real bare repositories. */
class LocalForgeContractTest extends ForgeContract {
  @TempDir Path data;
  final Git git = new Git();
  final RepoRef repo = new RepoRef("acme", "shop");
  LocalForge forge;

  @BeforeEach
  void setUp() {
    forge = new LocalForge(data, git, new InMemoryPullRequestStore());
    forge.createRepository(repo, Map.of("README.md", "# shop\n"));
  }

  @Override
  protected Forge forge() {
    return forge;
  }

  @Override
  protected RepoRef repo() {
    return repo;
  }

  @Override
  protected Optional<String> readFile(String branch, String path) {
    var result =
        git.tryExec(
            GitCommand.in(forge.repositoryPath(repo), "show", "refs/heads/" + branch + ":" + path));
    return result.ok() ? Optional.of(result.stdout()) : Optional.empty();
  }

  @Test
  void should_serve_a_remote_git_can_fetch(@TempDir Path elsewhere) {
    String refs = git.run(elsewhere, "ls-remote", forge.remote(repo).url(), "refs/heads/main");
    assertThat(refs).startsWith(forge.branchHead(repo, "main").orElseThrow());
  }
}
