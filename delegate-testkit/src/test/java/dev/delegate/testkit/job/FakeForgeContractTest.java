package dev.delegate.testkit.job;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.testkit.contract.ForgeContract;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** The job tests' fake forge answers as the real forges do. */
class FakeForgeContractTest extends ForgeContract {
  private final RepoRef repo = new RepoRef("acme", "shop");
  private final FakeForge forge = new FakeForge();

  @BeforeEach
  void setUp() {
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
    return forge.readFile(repo, branch, path);
  }
}
