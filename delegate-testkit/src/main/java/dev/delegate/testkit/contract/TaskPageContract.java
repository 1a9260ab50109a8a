package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskCursor;
import dev.delegate.core.task.TaskPage;
import dev.delegate.core.task.TaskQuery;
import dev.delegate.core.task.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TaskStore} must do to list tasks a page at a time, filtered. */
public abstract class TaskPageContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  protected static final RepoRef APP = new RepoRef("local", "sample-app");
  protected static final RepoRef DOCS = new RepoRef("acme", "docs");

  private Stores stores;
  protected TaskStore tasks;

  /** Opens this test's stores, empty; the task store beside the job store of the same engine. */
  protected abstract Stores openStores() throws Exception;

  @BeforeEach
  public void open() throws Exception {
    stores = openStores();
    tasks = stores.tasks();
  }

  @AfterEach
  public void close() throws Exception {
    stores.close().close();
  }

  private static StoredTask task(String id, String title, RepoRef repo, Instant at) {
    return StoredTask.submitted(
        id, Task.of(title, "objective", "", List.of("one", "two")), repo, "main", "b-" + id, at);
  }

  private void create(String id, String title, RepoRef repo, Instant at) {
    tasks.create(task(id, title, repo, at));
  }

  /** Delegates the task, which enqueues its job ({@code QUEUED}). */
  private String delegate(String id, RepoRef repo, int number) {
    String jobId = "j-" + id;
    PullRequest pr =
        new PullRequest(repo, number, id, "body", "main", "b-" + id, "open", "http://x/" + number);
    NewJob job = new NewJob(jobId, repo, number, "b-" + id, "details");
    return tasks
        .delegate(id, pr, job, T0.plusSeconds(number))
        .orElseThrow()
        .task()
        .jobId()
        .orElseThrow();
  }

  private static TaskQuery all(int limit) {
    return TaskQuery.newest(limit);
  }

  private static List<String> ids(TaskPage page) {
    return page.tasks().stream().map(StoredTask::id).toList();
  }

  /** Every page of {@code query}, following each page's {@code next}. */
  private List<String> everyPage(TaskQuery query) {
    List<String> seen = new ArrayList<>();
    TaskPage page = tasks.page(query);
    seen.addAll(ids(page));
    while (page.next().isPresent()) {
      page = tasks.page(query.before(page.next().get()));
      seen.addAll(ids(page));
    }
    return seen;
  }

  @Test
  public void should_page_newest_first_by_time_then_id_until_no_next() {
    create("t-1", "first", APP, T0);
    create("t-b", "same time b", APP, T0.plusSeconds(5));
    create("t-a", "same time a", APP, T0.plusSeconds(5));
    create("t-c", "same time c", APP, T0.plusSeconds(5));
    create("t-9", "newest", APP, T0.plusSeconds(9));

    TaskPage first = tasks.page(all(2));
    assertThat(ids(first)).containsExactly("t-9", "t-c");
    assertThat(first.next()).contains(new TaskCursor(T0.plusSeconds(5), "t-c"));
    TaskPage second = tasks.page(all(2).before(first.next().orElseThrow()));
    assertThat(ids(second)).containsExactly("t-b", "t-a");
    TaskPage last = tasks.page(all(2).before(second.next().orElseThrow()));
    assertThat(ids(last)).containsExactly("t-1");
    assertThat(last.next()).as("nothing older").isEmpty();
    assertThat(tasks.page(all(5)).next()).as("exactly one full page").isEmpty();
    assertThat(last.tasks().getFirst().task().acceptanceCriteria()).containsExactly("one", "two");
    assertThat(tasks.page(all(2).before(new TaskCursor(T0, "t-1"))).tasks()).isEmpty();
  }

  @Test
  public void should_filter_by_the_state_shown_the_job_s_when_there_is_one() {
    create("t-sub", "submitted", APP, T0);
    create("t-fail", "failed to delegate", APP, T0.plusSeconds(1));
    tasks.fail("t-fail", "forge down", T0);
    create("t-running", "running", APP, T0.plusSeconds(2));
    String running = delegate("t-running", APP, 1);
    create("t-job-failed", "job failed", APP, T0.plusSeconds(3));
    String failed = delegate("t-job-failed", APP, 2);
    create("t-queued", "queued", APP, T0.plusSeconds(4));
    delegate("t-queued", APP, 3);
    create("t-cancelled", "cancelled", APP, T0.plusSeconds(5));
    String cancelled = delegate("t-cancelled", APP, 4);
    var jobs = stores.jobs();
    Duration lease = Duration.ofMinutes(5);
    Instant later = T0.plusSeconds(60);
    assertThat(jobs.claim("node", lease, later).orElseThrow().id()).isEqualTo(running);
    assertThat(jobs.transition(running, "node", JobState.RUNNING, "go", JobChange.NONE, later))
        .isTrue();
    assertThat(jobs.claim("node", lease, later).orElseThrow().id()).isEqualTo(failed);
    assertThat(
            jobs.transition(failed, "node", JobState.FAILED, "no", JobChange.failure("x"), later))
        .isTrue();
    jobs.cancel(cancelled, "not needed", later);

    assertThat(ids(tasks.page(all(10).withState("SUBMITTED")))).containsExactly("t-sub");
    assertThat(ids(tasks.page(all(10).withState("RUNNING")))).containsExactly("t-running");
    assertThat(ids(tasks.page(all(10).withState("QUEUED")))).containsExactly("t-queued");
    assertThat(ids(tasks.page(all(10).withState("CANCELLED")))).containsExactly("t-cancelled");
    assertThat(ids(tasks.page(all(10).withState("FAILED"))))
        .as("a task that failed to delegate, and one whose job failed")
        .containsExactly("t-job-failed", "t-fail");
    assertThat(ids(tasks.page(all(10).withState("DELEGATED"))))
        .as("a delegated task is listed with its job's state")
        .isEmpty();
    assertThat(ids(tasks.page(all(10).withState("SUCCEEDED")))).isEmpty();
  }

  @Test
  public void should_filter_by_repository_and_title_text_with_percent_and_underscore_literal() {
    create("t-1", "Add Export Button", APP, T0);
    create("t-2", "export the docs", DOCS, T0.plusSeconds(1));
    create("t-3", "Reach 100% coverage", APP, T0.plusSeconds(2));
    create("t-4", "Reach 100 percent coverage", APP, T0.plusSeconds(3));
    create("t-5", "rename snake_case keys", APP, T0.plusSeconds(4));
    create("t-6", "rename snakeXcase keys", APP, T0.plusSeconds(5));
    create("t-7", "Wow! An exclamation", APP, T0.plusSeconds(6));

    assertThat(ids(tasks.page(all(10).withRepo(DOCS)))).containsExactly("t-2");
    assertThat(ids(tasks.page(all(10).withTitleContaining("EXPORT"))))
        .containsExactly("t-2", "t-1");
    assertThat(ids(tasks.page(all(10).withTitleContaining("export").withRepo(APP))))
        .containsExactly("t-1");
    assertThat(ids(tasks.page(all(10).withTitleContaining("100%")))).containsExactly("t-3");
    assertThat(ids(tasks.page(all(10).withTitleContaining("%")))).containsExactly("t-3");
    assertThat(ids(tasks.page(all(10).withTitleContaining("e_c")))).containsExactly("t-5");
    assertThat(ids(tasks.page(all(10).withTitleContaining("w! a")))).containsExactly("t-7");
    assertThat(ids(tasks.page(all(10).withTitleContaining("nothing like it")))).isEmpty();
    assertThat(ids(tasks.page(all(10).withRepo(new RepoRef("acme", "sample-app"))))).isEmpty();
  }

  @Test
  public void should_page_through_a_filtered_list_without_gaps() {
    for (int i = 0; i < 23; i++) {
      create("t-" + i, (i % 2 == 0 ? "Even " : "Odd ") + i, i % 3 == 0 ? DOCS : APP, T0);
    }
    TaskQuery even = all(4).withTitleContaining("even");
    List<String> seen = everyPage(even);
    assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    assertThat(everyPage(even.withRepo(DOCS)))
        .hasSize(4)
        .containsExactlyInAnyOrder("t-0", "t-6", "t-12", "t-18");
  }

  private static void take(Semaphore permits) {
    try {
      if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the reader let no creation through within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writers create tasks (each newer than every task before it, as a clock gives them) while a
   * reader pages through the list: no page repeats a task and none skips one that was there when
   * paging began; read again afterwards, the list has every task exactly once.
   */
  @Test
  public void should_neither_skip_nor_repeat_while_tasks_are_created_during_paging()
      throws Exception {
    int seeded = 120;
    for (int i = 0; i < seeded; i++) {
      create("seed-" + i, "Seeded " + i, i % 2 == 0 ? APP : DOCS, T0.plusMillis(i / 3));
    }
    AtomicLong clock = new AtomicLong(T0.plusSeconds(60).toEpochMilli());
    int writers = 4;
    int perWriter = 40;
    // the reader lets 10 creations through after each page it reads: they run while it reads the
    // next one, so every page after the first is read with new tasks arriving meanwhile
    Semaphore allowed = new Semaphore(0);
    List<Object> done =
        Race.run(
            writers + 1,
            n -> {
              if (n == writers) {
                List<List<String>> pages = new ArrayList<>();
                TaskPage page = tasks.page(all(7));
                pages.add(ids(page));
                while (page.next().isPresent()) {
                  allowed.release(10);
                  page = tasks.page(all(7).before(page.next().get()));
                  pages.add(ids(page));
                }
                allowed.release(writers * perWriter);
                return pages;
              }
              int made = 0;
              for (int i = 0; i < perWriter; i++) {
                String id = "new-" + n + "-" + i;
                take(allowed);
                create(
                    id,
                    "New " + id,
                    n % 2 == 0 ? APP : DOCS,
                    Instant.ofEpochMilli(clock.incrementAndGet()));
                made++;
              }
              return made;
            });

    @SuppressWarnings("unchecked")
    List<List<String>> pages = (List<List<String>>) done.get(writers);
    List<String> paged = pages.stream().flatMap(List::stream).toList();
    System.out.println(
        "OVERLAP new seen by pager: "
            + paged.stream().filter(x -> x.startsWith("new-")).count()
            + " pages "
            + pages.size());
    assertThat(paged).as("no task on two pages").doesNotHaveDuplicates();
    assertThat(paged)
        .as("every task there when paging began")
        .containsAll(
            java.util.stream.IntStream.range(0, seeded).mapToObj(i -> "seed-" + i).toList());
    assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(p -> assertThat(p).hasSize(7));
    assertThat(pages.getLast()).isNotEmpty();

    List<String> after = everyPage(all(9));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < seeded; i++) {
      expected.add("seed-" + i);
    }
    for (int n = 0; n < writers; n++) {
      for (int i = 0; i < perWriter; i++) {
        expected.add("new-" + n + "-" + i);
      }
    }
    assertThat(after).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }
}
