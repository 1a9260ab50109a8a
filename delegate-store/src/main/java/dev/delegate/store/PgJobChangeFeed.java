package dev.delegate.store;

import dev.delegate.core.job.JobChangeFeed;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore.StateChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobChangeFeed} on PostgreSQL: one connection of its own (outside the pool, since it is
 * held for good) {@code LISTEN}s on the channel the {@code job_events} trigger notifies (migration
 * V7), on a platform thread that waits in the driver for notifications. When the connection breaks
 * (PostgreSQL restarted, a network cut) it connects again, backing off up to {@link #MAX_BACKOFF},
 * and tells the listener that changes may have been missed.
 */
public final class PgJobChangeFeed implements JobChangeFeed {
  static final String CHANNEL = "delegate_job_changes";
  static final Duration WAIT = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(PgJobChangeFeed.class);

  private final String url;
  private final Properties credentials;
  private volatile boolean closed;
  private volatile Connection connection;
  private Thread thread;

  public PgJobChangeFeed(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    this.credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    credentials.setProperty("ApplicationName", "delegate-job-changes");
    credentials.setProperty("tcpKeepAlive", "true");
  }

  @Override
  public synchronized void start(Listener listener) {
    if (thread != null) {
      throw new IllegalStateException("the feed is already started");
    }
    Connection first = connect(); // the first connection fails loudly, at start
    thread = Thread.ofPlatform().daemon().name("pg-job-changes").start(() -> run(first, listener));
  }

  /** Whether the feed is listening now (a connection is open). */
  public boolean listening() {
    Connection c = connection;
    try {
      return c != null && !c.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection connect() {
    try {
      Connection c = DriverManager.getConnection(url, credentials);
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + CHANNEL);
      }
      connection = c;
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot listen for job changes: " + e.getMessage(), e);
    }
  }

  private void run(Connection first, Listener listener) {
    Connection c = first;
    Duration backoff = Duration.ofMillis(100);
    while (!closed) {
      try {
        if (c == null) {
          c = connect();
          LOG.info("listening for job changes again");
          backoff = Duration.ofMillis(100);
          listener.missed();
        }
        PGNotification[] notes =
            c.unwrap(PGConnection.class).getNotifications((int) WAIT.toMillis());
        if (notes != null) {
          for (PGNotification note : notes) {
            parse(note.getParameter()).ifPresent(listener::changed);
          }
        }
      } catch (SQLException | IllegalStateException e) {
        if (closed) {
          break;
        }
        LOG.warn("lost the job-change connection ({}); connecting again", e.getMessage());
        closeQuietly(c);
        c = null;
        connection = null;
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        LOG.warn("a job-change listener failed: {}", e.toString());
      }
    }
    closeQuietly(c);
  }

  /** {@code "<job id> <state> <epoch millis>"}; empty (and logged) when it is not that. */
  static Optional<StateChange> parse(String payload) {
    String[] parts = payload.split(" ");
    try {
      if (parts.length == 3) {
        return Optional.of(
            new StateChange(
                parts[0],
                JobState.valueOf(parts[1]),
                Instant.ofEpochMilli(Long.parseLong(parts[2]))));
      }
    } catch (IllegalArgumentException e) {
      // logged below
    }
    LOG.warn("ignoring a job-change notification I cannot read: {}", payload);
    return Optional.empty();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // going anyway
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(WAIT.multipliedBy(4).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly(connection);
  }
}
