package dev.delegate.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobStore} that tells listeners about every state change: on its own, those it made
 * (after each successful enqueue, claim, transition and requeue, once the change is committed), on
 * the caller's thread (a processor or an HTTP request); with a {@link JobChangeFeed} (several nodes
 * on one PostgreSQL), those any node made, its own included, on the feed's thread. Listeners must
 * only hand the change on (e.g. to a bounded queue) and never block; one that throws is logged and
 * the others still run.
 */
public final class ObservableJobStore extends ForwardingJobStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObservableJobStore.class);

  /** A job that reached a new state. */
  public record StateChange(String jobId, JobState state, Instant at) {}

  /** Told about each change; must not block. */
  @FunctionalInterface
  public interface Listener {
    void changed(StateChange change);

    /** Changes may have been missed (the feed's connection was lost a while); read again. */
    default void missed() {}
  }

  /** Ends a subscription. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final JobChangeFeed feed;

  /** Publishes the changes made through this store. */
  public ObservableJobStore(JobStore store) {
    super(store);
    this.feed = null;
  }

  /**
   * Publishes the changes {@code feed} reports, which include those made through this store (so
   * each is told once); starts the feed.
   */
  public ObservableJobStore(JobStore store, JobChangeFeed feed) {
    super(store);
    this.feed = feed;
    feed.start(
        new JobChangeFeed.Listener() {
          @Override
          public void changed(StateChange change) {
            tell(change);
          }

          @Override
          public void missed() {
            for (Listener listener : listeners) {
              try {
                listener.missed();
              } catch (RuntimeException e) {
                LOG.warn("job change listener failed: {}", e.toString());
              }
            }
          }
        });
  }

  /** Whether changes made by other nodes reach the listeners too. */
  public boolean seesOtherNodes() {
    return feed != null;
  }

  /** Stops the feed, if there is one. */
  public void stopFeed() {
    if (feed != null) {
      feed.close();
    }
  }

  public Subscription subscribe(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public Enqueued enqueue(NewJob job, Instant now) {
    Enqueued enqueued = store.enqueue(job, now);
    if (enqueued.created()) {
      publish(enqueued.job().id(), JobState.QUEUED, now);
    }
    return enqueued;
  }

  @Override
  public Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
    Optional<Job> claimed = store.claim(owner, agent, lease, now);
    claimed.ifPresent(job -> publish(job.id(), job.state(), now));
    return claimed;
  }

  @Override
  public boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
    boolean moved = store.transition(jobId, owner, to, message, change, now);
    if (moved) {
      publish(jobId, to, now);
    }
    return moved;
  }

  @Override
  public boolean giveBack(String jobId, String owner, String message, Instant now) {
    boolean given = store.giveBack(jobId, owner, message, now);
    if (given) {
      publish(jobId, JobState.QUEUED, now);
    }
    return given;
  }

  /** Announces exactly the jobs the store took back, each in the state it moved to. */
  @Override
  public Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
    Map<String, JobState> taken = store.takeBackExpired(now, maxAttempts);
    taken.forEach((id, state) -> publish(id, state, now));
    return taken;
  }

  @Override
  public Cancel cancel(String jobId, String reason, Instant now) {
    Cancel result = store.cancel(jobId, reason, now);
    if (result == Cancel.CANCELLED) {
      publish(jobId, JobState.CANCELLED, now);
    }
    return result;
  }

  /**
   * Tells listeners about a change committed by another writer of the same store, e.g. a task store
   * that enqueues a job in its own transaction.
   */
  public void announce(String jobId, JobState state, Instant at) {
    publish(jobId, state, at);
  }

  private void publish(String jobId, JobState state, Instant at) {
    if (feed == null) {
      tell(new StateChange(jobId, state, at));
    }
  }

  private void tell(StateChange change) {
    String jobId = change.jobId();
    for (Listener listener : listeners) {
      try {
        listener.changed(change);
      } catch (RuntimeException e) {
        LOG.warn("job change listener failed for job {}: {}", jobId, e.toString());
      }
    }
  }
}
