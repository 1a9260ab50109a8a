package dev.delegate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.delegate.core.job.JobChangeFeed;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * An open store: a small connection pool, the schema migrated by Flyway at open, and Jdbi on top.
 * One schema and the same SQL serve the embedded H2 file database and a shared PostgreSQL.
 */
public final class Database implements AutoCloseable {
  /** Connections in the pool at most. */
  public static final int DEFAULT_MAX_POOL_SIZE = 8;

  /** {@code password=…} among a JDBC URL's parameters, with what comes before it kept. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("([?&])password=([^&]*)&?", Pattern.CASE_INSENSITIVE);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.dialect = Dialect.of(dataSource.getJdbcUrl());
    try {
      Flyway.configure()
          .dataSource(dataSource)
          // shared migrations, then the few an engine needs for itself (db/vendor/<engine>)
          .locations("classpath:db/migration", "classpath:db/vendor/" + dialect.folder())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * The embedded H2 file database {@code <dataDirectory>/db/delegate}. {@code WRITE_DELAY=0}: with
   * H2's default delay, rows committed up to ~0.5 s before a {@code kill -9} were lost. {@code
   * OPTIMIZE_REUSE_RESULTS=FALSE}: by default H2 answers a session's repeated query with that
   * session's last result while the tables look unchanged, and a commit landing in the middle of
   * that check left a connection seeing a row as it was before the commit, even under a lock it
   * took afterwards (a job already {@code RUNNING} looked {@code NEEDS_INPUT} and accepted a second
   * answer; about one race in 3,000 on two busy cores). Every query runs; parsed statements are
   * still cached per session ({@code QUERY_CACHE_SIZE}), which keeps each statement's cost down.
   * Only one process may open it at a time.
   */
  public static Database h2File(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().resolve("db").resolve("delegate");
    String url =
        "jdbc:h2:file:"
            + file
            + ";WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=FALSE;QUERY_CACHE_SIZE=64"
            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    return jdbc(url, "sa", "");
  }

  /**
   * Any JDBC database the schema supports, e.g. {@code jdbc:postgresql://host/delegate}. A {@code
   * password} parameter in the URL is taken out of it (so that no log shows it) and used when
   * {@code password} is null.
   */
  public static Database jdbc(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    Matcher inUrl = PASSWORD_PARAMETER.matcher(url);
    String secret = password;
    String shown = url;
    if (inUrl.find()) {
      if (secret == null) {
        secret = URLDecoder.decode(inUrl.group(2), StandardCharsets.UTF_8);
      }
      shown =
          (url.substring(0, inUrl.start()) + inUrl.group(1) + url.substring(inUrl.end()))
              .replaceAll("[?&]$", "")
              .replace("?&", "?");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("delegate-store");
    config.setJdbcUrl(shown);
    config.setUsername(user);
    config.setPassword(secret);
    config.setMaximumPoolSize(DEFAULT_MAX_POOL_SIZE);
    config.setMinimumIdle(1);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new Database(new HikariDataSource(config));
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public JdbcJobStore jobStore() {
    return new JdbcJobStore(jdbi, dialect);
  }

  public JdbcNodeStore nodeStore() {
    return new JdbcNodeStore(jdbi);
  }

  public JdbcTaskStore taskStore() {
    return new JdbcTaskStore(jdbi);
  }

  public JdbcWebhookStore webhookStore() {
    return new JdbcWebhookStore(jdbi);
  }

  public JdbcFollowUpStore followUpStore() {
    return new JdbcFollowUpStore(jdbi);
  }

  public JdbcPullRequestStore pullRequestStore() {
    return new JdbcPullRequestStore(jdbi, Clock.systemUTC());
  }

  /**
   * A feed of every job state change any node commits, for the nodes sharing a PostgreSQL; empty on
   * H2, which one process holds and whose changes that process publishes itself. Not started.
   */
  public Optional<JobChangeFeed> changeFeed() {
    return dialect == Dialect.POSTGRESQL
        ? Optional.of(
            new PgJobChangeFeed(
                dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword()))
        : Optional.empty();
  }

  /** Closes the pool; H2 closes its file when the last connection goes. */
  @Override
  public void close() {
    dataSource.close();
  }
}
