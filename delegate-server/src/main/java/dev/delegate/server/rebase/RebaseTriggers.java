package dev.delegate.server.rebase;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobKind;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.git.local.LocalForge;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a node look for pull requests to rebase by itself ({@link Rebases#baseMoved}), off the
 * thread that noticed: a branch the local forge moved (a file written through it, a push received
 * over HTTP), and a rebase job that succeeded (its base may have moved again meanwhile).
 */
public final class RebaseTriggers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RebaseTriggers.class);

  private final Rebases rebases;
  private final ObservableJobStore jobs;
  private final ObservableJobStore.Subscription ended;

  private RebaseTriggers(Rebases rebases, Forge forge, ObservableJobStore jobs) {
    this.rebases = rebases;
    this.jobs = jobs;
    if (forge instanceof LocalForge local) {
      local.onBranchMoved(this::check);
    }
    this.ended =
        jobs.subscribe(
            change -> {
              if (change.state() == JobState.SUCCEEDED) {
                Thread.ofVirtual().name("rebase-check").start(() -> ended(change.jobId()));
              }
            });
  }

  public static RebaseTriggers start(Rebases rebases, Forge forge, ObservableJobStore jobs) {
    return new RebaseTriggers(rebases, forge, jobs);
  }

  private void check(RepoRef repo, Optional<String> branch) {
    Thread.ofVirtual().name("rebase-check").start(() -> look(repo, branch));
  }

  private void ended(String jobId) {
    try {
      jobs.find(jobId)
          .filter(job -> job.kind() == JobKind.REBASE)
          .ifPresent(job -> look(job.repo(), Optional.empty()));
    } catch (RuntimeException e) {
      LOG.warn("job {}: could not read it: {}", jobId, e.toString());
    }
  }

  private void look(RepoRef repo, Optional<String> branch) {
    try {
      rebases.baseMoved(repo, branch);
    } catch (RuntimeException e) {
      LOG.warn("{}: could not look for pull requests to rebase: {}", repo, e.toString());
    }
  }

  @Override
  public void close() {
    ended.close();
  }
}
