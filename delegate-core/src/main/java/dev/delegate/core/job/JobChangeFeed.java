package dev.delegate.core.job;

import dev.delegate.core.job.ObservableJobStore.StateChange;

/**
 * Every committed change of a job's state, made by any node sharing the store, as the store's
 * engine reports it (PostgreSQL's {@code LISTEN/NOTIFY}). A change is delivered at most once: after
 * a gap (the connection to the engine was lost and came back) {@link Listener#missed} is called,
 * and a listener reads again what it needs.
 */
public interface JobChangeFeed extends AutoCloseable {

  /** Told about each change on the feed's own thread; must not block. */
  interface Listener {
    void changed(StateChange change);

    /** Changes may have been missed; read what matters again. */
    void missed();
  }

  /** Starts delivering to {@code listener}; call once. */
  void start(Listener listener);

  @Override
  void close();
}
