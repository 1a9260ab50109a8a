package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.testkit.contract.PullRequestStoreContract;
import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-request store contract on the embedded H2 file database, and that it is durable. */
class H2PullRequestStoreTest extends PullRequestStoreContract {
  private static final RepoRef AIPM = new RepoRef("demian7575", "aipm");

  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }

  @Test
  void should_keep_records_when_the_store_is_opened_again() {
    PullRequest created;
    try (Database database = Database.h2File(dataDirectory.resolve("again"))) {
      PullRequestStore store = database.pullRequestStore();
      created = store.create(AIPM, "a", "Read TASK.md", "feature/a", "main", "http://x/pulls/");
      store.addComment(AIPM, created.number(), "kept");
    }

    try (Database database = Database.h2File(dataDirectory.resolve("again"))) {
      PullRequestStore store = database.pullRequestStore();
      assertThat(store.find(AIPM, 1).map(PullRequest::title)).contains("a");
      assertThat(store.comments(AIPM, 1)).containsExactly("kept");
      assertThat(store.create(AIPM, "b", "", "feature/b", "main", "http://x/pulls/").number())
          .isEqualTo(2);
    }
  }
}
