package dev.delegate.store;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The process {@link H2DurabilityTest} kills: opens the H2 file store in {@code args[0]}, enqueues
 * jobs for repository {@code kill/args[1]}, prints {@code STORED <id>} after each commit, and after
 * {@code args[2]} jobs (0: never stops) waits to be killed.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDirectory = Path.of(args[0]);
    RepoRef repo = new RepoRef("kill", args[1]);
    int count = Integer.parseInt(args[2]);
    Database database = Database.h2File(dataDirectory);
    JobStore store = database.jobStore();
    for (int pr = 1; count == 0 || pr <= count; pr++) {
      String id = UUID.randomUUID().toString();
      store.enqueue(
          new NewJob(id, repo, pr, "feature/kill-" + pr, "survive kill -9"), Instant.now());
      System.out.println("STORED " + id);
      System.out.flush();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
