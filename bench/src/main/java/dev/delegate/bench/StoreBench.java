package dev.delegate.bench;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobChangeFeed;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore.StateChange;
import dev.delegate.store.Database;
import dev.delegate.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The store on H2 and on PostgreSQL: what a claim and a transition cost, and on PostgreSQL how long
 * a job takes from its enqueue's commit on one node to its claim by an idle node told by the
 * database's {@code NOTIFY} (two connection pools in one JVM play the two nodes; a throwaway server
 * on this machine, durability off, as the tests run it).
 */
public final class StoreBench {
  private static final RepoRef REPO = new RepoRef("bench", "store");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Path dir = Files.createTempDirectory("delegate-store-bench");
    try (Database h2 = Database.h2File(dir)) {
      costs("H2 file", h2.jobStore(), n);
    }
    PostgresServer server = PostgresServer.shared();
    try (Database postgres =
            Database.jdbc(server.newDatabase(), PostgresServer.USER, server.password());
        Database otherNode =
            Database.jdbc(
                server.url(postgres.jdbi().withHandle(h -> h.getConnection().getCatalog())),
                PostgresServer.USER,
                server.password())) {
      costs("PostgreSQL", postgres.jobStore(), n);
      wakeUps(postgres.jobStore(), otherNode, n);
    }
  }

  private static void costs(String engine, JobStore store, int n) {
    for (int i = 0; i < n; i++) {
      store.enqueue(job(engine + "-warm-" + i, 100_000 + i), Instant.now());
    }
    while (store.claim("warm", LEASE, Instant.now()).isPresent()) {
      // warm-up: claim them all
    }
    for (int i = 0; i < n; i++) {
      store.enqueue(job(engine + "-" + i, i + 1), Instant.now());
    }
    Stats claim = new Stats();
    Stats transition = new Stats();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      String id = store.claim("node", LEASE, Instant.now()).orElseThrow().id();
      long claimed = System.nanoTime();
      boolean moved =
          store.transition(id, "node", JobState.RUNNING, "running", JobChange.NONE, Instant.now());
      long done = System.nanoTime();
      if (!moved) {
        throw new IllegalStateException("transition refused for " + id);
      }
      claim.add((claimed - start) / 1e6);
      transition.add((done - claimed) / 1e6);
    }
    System.out.println(engine + " claim:      " + claim.summary("ms"));
    System.out.println(engine + " transition: " + transition.summary("ms"));
  }

  /** Enqueue committed on one node, then the other node hears of it and claims it. */
  private static void wakeUps(JobStore api, Database worker, int n) throws Exception {
    BlockingQueue<Long> heard = new ArrayBlockingQueue<>(n + 16);
    JobChangeFeed feed = worker.changeFeed().orElseThrow();
    feed.start(
        new JobChangeFeed.Listener() {
          @Override
          public void changed(StateChange change) {
            if (change.state() == JobState.QUEUED) {
              heard.add(System.nanoTime());
            }
          }

          @Override
          public void missed() {}
        });
    try {
      JobStore workerStore = worker.jobStore();
      Stats toNotice = new Stats();
      Stats toClaim = new Stats();
      for (int i = 0; i < n + 20; i++) {
        long committed;
        api.enqueue(job("wake-" + i, 200_000 + i), Instant.now());
        committed = System.nanoTime();
        Long noticed = heard.poll(10, TimeUnit.SECONDS);
        if (noticed == null) {
          throw new IllegalStateException("no notification for job wake-" + i);
        }
        var unused = workerStore.claim("worker", LEASE, Instant.now()).orElseThrow();
        long claimed = System.nanoTime();
        if (i >= 20) { // the first 20 warm up
          toNotice.add(Math.max(0, noticed - committed) / 1e6);
          toClaim.add((claimed - committed) / 1e6);
        }
      }
      System.out.println(
          "PostgreSQL enqueue committed -> other node notified: " + toNotice.summary("ms"));
      System.out.println(
          "PostgreSQL enqueue committed -> claimed by the other node: " + toClaim.summary("ms"));
    } finally {
      feed.close();
    }
  }

  private static NewJob job(String id, int pr) {
    return new NewJob(id, REPO, pr, "feature/" + id, "bench");
  }
}
