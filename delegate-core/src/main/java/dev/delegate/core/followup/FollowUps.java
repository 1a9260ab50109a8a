package dev.delegate.core.followup;

import dev.delegate.core.DelegateException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the remarks kept in a {@link FollowUpStore} into follow-up jobs: a pull request quiet for
 * the debounce gets one job carrying all its pending remarks, on the same branch, with the same
 * task and budget and the remarks appended as instructions (as a retry is made). Its task follows
 * the new job. Past the cap Delegate comments once that a person is needed. Call {@link #sweep}
 * periodically from any number of nodes; the store makes each remark go into one job.
 */
public final class FollowUps {
  private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);
  private static final int BATCH = 50;

  private final FollowUpStore store;
  private final ObservableJobStore jobs;
  private final Forge forge;
  private final FollowUpSettings settings;
  private final Clock clock;
  private final Runnable wake;

  /**
   * @param jobs where follow-up jobs are announced (they are enqueued in the follow-up store's own
   *     transaction)
   * @param forge where the "a person is needed" comment goes
   * @param wake tells an in-process processor there is work
   */
  public FollowUps(
      FollowUpStore store,
      ObservableJobStore jobs,
      Forge forge,
      FollowUpSettings settings,
      Clock clock,
      Runnable wake) {
    this.store = store;
    this.jobs = jobs;
    this.forge = forge;
    this.settings = settings;
    this.clock = clock;
    this.wake = wake;
  }

  public FollowUpSettings settings() {
    return settings;
  }

  /** Keeps a remark for the pull request's next follow-up; false when it was kept already. */
  public boolean add(FollowUpComment comment) {
    return store.add(comment);
  }

  /** Starts the follow-ups that came due; returns how many jobs it enqueued. */
  public int sweep() {
    Instant now = clock.instant();
    Instant quietSince = now.minus(settings.debounce());
    int started = 0;
    for (FollowUpStore.PullRequestKey pr : store.due(quietSince, BATCH)) {
      try {
        if (start(pr, quietSince, now)) {
          started++;
        }
      } catch (DelegateException e) {
        LOG.warn(
            "follow-up for {}#{} not started this time: {}",
            pr.repo(),
            pr.number(),
            e.getMessage());
      }
    }
    if (started > 0) {
      wake.run();
    }
    return started;
  }

  private boolean start(FollowUpStore.PullRequestKey pr, Instant quietSince, Instant now) {
    FollowUpStore.Outcome outcome =
        store.start(pr, quietSince, settings.maxFollowUps(), this::followUpJob, now);
    switch (outcome) {
      case FollowUpStore.Started s -> {
        jobs.announce(s.job().id(), JobState.QUEUED, now);
        LOG.info(
            "follow-up job {} for {}#{} ({} remark(s), follow-up {} of {})",
            s.job().id(),
            pr.repo(),
            pr.number(),
            s.comments().size(),
            s.used(),
            settings.maxFollowUps());
        return true;
      }
      case FollowUpStore.CapReached c -> {
        if (c.firstTime()) {
          forge.comment(pr.repo(), pr.number(), capComment(settings.maxFollowUps()));
        }
        return false;
      }
      case FollowUpStore.Waiting w -> {
        return false;
      }
      case FollowUpStore.Nothing n -> {
        return false;
      }
    }
  }

  /** A job like {@link dev.delegate.core.job.FollowUp#of} makes, with the remarks' instructions. */
  private NewJob followUpJob(Job previous, List<FollowUpComment> comments) {
    return new NewJob(
        UUID.randomUUID().toString(),
        previous.repo(),
        previous.prNumber(),
        previous.branch(),
        FollowUpPrompt.details(previous, comments),
        previous.budget(), // the same budget, counted anew for the new job
        jobs.criteria(previous.id()).criteria());
  }

  /** What the pull request is told when its follow-ups are used up. */
  public static String capComment(int maxFollowUps) {
    return "Delegate: this pull request had its "
        + maxFollowUps
        + " follow-up job(s) (--max-followups); it needs a person now. Further comments and"
        + " failed checks do not start jobs; `bin/delegate retry JOB --instructions TEXT` still"
        + " runs one on request.\n";
  }
}
