package dev.delegate.store;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Rough latencies of the job store on a given database, run by hand (not a test): {@code java -cp
 * <test classpath> dev.delegate.store.StoreTimings [jdbc-url user password]}; without arguments, an
 * H2 file database in a temporary folder. Prints median and 90th percentile per operation.
 */
public final class StoreTimings {
  private static final int N = 500;

  private StoreTimings() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("delegate-timings");
    try (Database database =
        args.length == 3 ? Database.jdbc(args[0], args[1], args[2]) : Database.h2File(dir)) {
      JdbcJobStore store = database.jobStore();
      RepoRef repo = new RepoRef("timing", "r" + System.nanoTime());
      Instant now = Instant.now();
      Duration lease = Duration.ofMinutes(5);
      measure("warm-up", 2 * N, i -> enqueueAndClaim(store, repo, 100_000 + i, now));
      measure(
          "enqueue",
          N,
          i -> store.enqueue(new NewJob("e" + i, repo, i + 1, "feature/t", "timing"), now));
      measure("claim", N, i -> store.claim("node", lease, now).orElseThrow());
      measure(
          "transition",
          N,
          i -> store.transition("e" + i, "node", JobState.RUNNING, "run", JobChange.NONE, now));
      measure("renewLease", N, i -> store.renewLease("e" + i, "node", lease, now));
      measure("find", N, i -> store.find("e" + i).orElseThrow());
    }
  }

  private static void enqueueAndClaim(JdbcJobStore store, RepoRef repo, int pr, Instant now) {
    store.enqueue(new NewJob("w" + pr, repo, pr, "feature/w", "warm-up"), now);
    store.claim("warm", Duration.ofMinutes(5), now).orElseThrow();
  }

  private static void measure(String name, int n, IntConsumer operation) {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      operation.accept(i);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-11s n=%d median %.3f ms, p90 %.3f ms%n",
        name, n, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6);
  }
}
