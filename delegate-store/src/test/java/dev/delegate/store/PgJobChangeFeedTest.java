package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobChangeFeed;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore.StateChange;
import dev.delegate.testkit.contract.Race;
import dev.delegate.testkit.postgres.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job changes made through one node's store reach another node's feed, across a restart too. */
class PgJobChangeFeedTest {
  private static final RepoRef REPO = new RepoRef("acme", "shop");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<StateChange> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger missed = new AtomicInteger();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T kept(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private PgJobChangeFeed listen(Database database) {
    PgJobChangeFeed feed = kept((PgJobChangeFeed) database.changeFeed().orElseThrow());
    feed.start(
        new JobChangeFeed.Listener() {
          @Override
          public void changed(StateChange change) {
            seen.add(change);
          }

          @Override
          public void missed() {
            missed.incrementAndGet();
          }
        });
    return feed;
  }

  private static NewJob job(String id, int pr) {
    return new NewJob(id, REPO, pr, "feature/" + id, "details");
  }

  @Test
  void should_tell_every_state_change_another_node_commits_and_no_notes() {
    PostgresServer server = PostgresServer.shared();
    String url = server.newDatabase();
    Database nodeA = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    Database nodeB = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    listen(nodeA);
    JobStore store = nodeB.jobStore();

    store.enqueue(job("job-1", 1), T0);
    store.claim("node-b", Duration.ofSeconds(30), T0.plusSeconds(1)).orElseThrow();
    store.note("job-1", "approval: allowed", T0.plusSeconds(2));
    store.transition(
        "job-1", "node-b", JobState.RUNNING, "running", JobChange.NONE, T0.plusSeconds(3));

    await().atMost(WAIT).until(() -> seen.size() >= 3);
    assertThat(seen)
        .containsExactly(
            new StateChange("job-1", JobState.QUEUED, T0),
            new StateChange("job-1", JobState.PREPARING, T0.plusSeconds(1)),
            new StateChange("job-1", JobState.RUNNING, T0.plusSeconds(3)));
    assertThat(missed).hasValue(0);
  }

  @Test
  void should_tell_each_of_many_concurrent_enqueues_once() throws Exception {
    PostgresServer server = PostgresServer.shared();
    String url = server.newDatabase();
    Database nodeA = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    Database nodeB = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    Database nodeC = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    listen(nodeA);
    int perThread = 25;

    Race.run(
        8,
        t -> {
          JobStore store = (t % 2 == 0 ? nodeB : nodeC).jobStore();
          for (int i = 0; i < perThread; i++) {
            int pr = t * perThread + i + 1;
            store.enqueue(job("job-" + pr, pr), T0);
          }
          return null;
        });

    await().atMost(WAIT).until(() -> seen.size() >= 8 * perThread);
    assertThat(seen).hasSize(8 * perThread);
    assertThat(seen.stream().map(StateChange::jobId).distinct()).hasSize(8 * perThread);
    assertThat(seen).allSatisfy(c -> assertThat(c.state()).isEqualTo(JobState.QUEUED));
  }

  @Test
  void should_listen_again_after_postgresql_restarts_and_say_changes_may_be_missed()
      throws Exception {
    // commits durable, as in production: the crash below must lose nothing acknowledged (the
    // schema's last migration included)
    PostgresServer server = kept(PostgresServer.start(null, true));
    String url = server.newDatabase();
    Database node = kept(Database.jdbc(url, PostgresServer.USER, server.password()));
    PgJobChangeFeed feed = listen(node);
    node.jobStore().enqueue(job("before", 1), T0);
    await().atMost(WAIT).until(() -> seen.size() == 1);
    server.kill();
    server.restart();

    await().atMost(WAIT).until(() -> missed.get() == 1 && feed.listening());
    JobStore store = node.jobStore();
    await()
        .atMost(WAIT.multipliedBy(2))
        .ignoreExceptions() // the pool's connections come back on their own
        .until(
            () -> {
              store.enqueue(job("after", 2), T0); // a second call finds the first one's job
              return store.find("after").isPresent();
            });
    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(seen.get(1).jobId()).isEqualTo("after");
  }
}
