package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.RepoRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PullRequestStore} must do. A subclass gives each test a fresh, empty store of
 * its engine.
 */
public abstract class PullRequestStoreContract {
  private static final RepoRef AIPM = new RepoRef("demian7575", "aipm");
  private static final RepoRef OTHER = new RepoRef("demian7575", "other");
  private static final String PREFIX = "http://127.0.0.1:8080/pulls/";

  private Stores stores;
  private PullRequestStore store;

  /** Opens this test's stores, empty. */
  protected abstract Stores openStores() throws Exception;

  @BeforeEach
  public void open() throws Exception {
    stores = openStores();
    store = stores.pullRequests();
  }

  @AfterEach
  public void close() throws Exception {
    stores.close().close();
  }

  private PullRequest create(RepoRef repo, String title) {
    return store.create(repo, title, "Read TASK.md", "feature/" + title, "main", PREFIX);
  }

  @Test
  public void should_number_pull_requests_from_one_in_each_repository() {
    PullRequest first = create(AIPM, "a");
    PullRequest second = create(AIPM, "b");
    PullRequest otherFirst = create(OTHER, "c");

    assertThat(first.number()).isEqualTo(1);
    assertThat(second.number()).isEqualTo(2);
    assertThat(otherFirst.number()).isEqualTo(1);
    assertThat(first)
        .isEqualTo(
            new PullRequest(AIPM, 1, "a", "Read TASK.md", "main", "feature/a", "open", PREFIX + 1));
  }

  @Test
  public void should_give_concurrent_creates_distinct_consecutive_numbers() throws Exception {
    List<PullRequest> created = Race.run(8, i -> create(AIPM, "pr" + i));

    assertThat(created)
        .extracting(PullRequest::number)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 8).boxed().toList());
    assertThat(store.list(AIPM)).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  public void should_number_hundreds_of_concurrent_creates_without_a_gap_or_a_failure()
      throws Exception {
    create(AIPM, "first");
    List<PullRequest> created = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<PullRequest>> futures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String name = "many" + i;
        futures.add(threads.submit(() -> create(AIPM, name)));
      }
      for (Future<PullRequest> future : futures) {
        created.add(future.get());
      }
    }
    assertThat(created)
        .extracting(PullRequest::number)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(2, 301).boxed().toList());
  }

  @Test
  public void should_find_the_open_pull_request_from_a_branch() {
    PullRequest a = create(AIPM, "a");
    create(OTHER, "a");

    assertThat(store.findOpen(AIPM, a.head(), "main")).contains(a);
    assertThat(store.findOpen(AIPM, a.head(), "develop")).isEmpty();
    assertThat(store.findOpen(AIPM, "feature/none", "main")).isEmpty();
  }

  @Test
  public void should_find_and_list_what_was_created() {
    PullRequest first = create(AIPM, "a");
    PullRequest second = create(AIPM, "b");
    create(OTHER, "c");

    assertThat(store.find(AIPM, 2)).contains(second);
    assertThat(store.find(AIPM, 3)).isEmpty();
    assertThat(store.list(AIPM)).containsExactly(first, second);
    assertThat(store.list(new RepoRef("nobody", "none"))).isEmpty();
  }

  @Test
  public void should_keep_comments_in_the_order_they_were_added() {
    create(AIPM, "a");
    create(OTHER, "b");

    store.addComment(AIPM, 1, "started");
    store.addComment(OTHER, 1, "elsewhere");
    store.addComment(AIPM, 1, "done: abc123");

    assertThat(store.comments(AIPM, 1)).containsExactly("started", "done: abc123");
    assertThat(store.comments(OTHER, 1)).containsExactly("elsewhere");
    assertThat(store.comments(AIPM, 9)).isEmpty();
  }

  @Test
  public void should_refuse_a_comment_on_a_missing_pull_request() {
    assertThatThrownBy(() -> store.addComment(AIPM, 5, "hello"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("demian7575/aipm#5");
  }
}
